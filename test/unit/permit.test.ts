import { describe, expect, it } from 'vitest';
import { KEY_UNIT_CATEGORIES, permitNumberProblem, permitValidity } from '../../shared/domain/permit';

describe('排污许可 (issue 19)', () => {
  it('a permit number is the USCC, 3 digits and a letter (22 characters), checked loosely', () => {
    expect(permitNumberProblem('91360799MA35X0XB4Q001P')).toBeNull();
    expect(permitNumberProblem('91360799MA35X0XB4Q001V')).toBeNull();
    expect(permitNumberProblem('91360799MA35X0XB4Q01P')).toContain('共22位');
    expect(permitNumberProblem('赣环许字2022第1号')).toContain('统一社会信用代码 + 3位顺序码');
  });

  it('a permit is to be renewed from 60 days before it expires (排污许可管理条例 第十四条), and is expired after', () => {
    expect(permitValidity('2027-03-01', '2026-12-05')).toMatchObject({ state: 'valid' });
    expect(permitValidity('2027-02-03', '2026-12-05')).toMatchObject({ state: 'expiring', daysLeft: 60 });
    expect(permitValidity('2027-02-03', '2026-12-05').text).toContain('截至 2026-12-05');
    expect(permitValidity('2027-02-04', '2026-12-05')).toMatchObject({ state: 'valid', daysLeft: 61 });
    expect(permitValidity('2026-12-04', '2026-12-05')).toMatchObject({ state: 'expired', text: '排污许可证已于 2026-12-04 过期' });
    expect(permitValidity(null, '2026-12-05')).toMatchObject({ state: 'none' });
  });

  it('环境监管重点单位 has the six categories of the 2022 名录管理办法', () => {
    expect(KEY_UNIT_CATEGORIES).toEqual(['水环境重点排污单位', '地下水污染防治重点排污单位', '大气环境重点排污单位', '噪声重点排污单位', '土壤污染重点监管单位', '环境风险重点管控单位']);
  });
});
