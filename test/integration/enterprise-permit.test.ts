import { describe, expect, it } from 'vitest';
import { demoWorkbench, enterpriseDraft } from './helpers';

describe('an enterprise\'s 排污许可 and 环境监管重点单位 categories (issue 19)', () => {
  it('keeps the permit as issued, refuses a malformed number or a validity that ends before it starts, warns of a foreign code', async () => {
    const wb = await demoWorkbench();
    const base = await enterpriseDraft(wb);
    expect(await wb.dispatch('enterprises.create', { ...base, permitNumber: '赣环许2022-1' })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('排污许可证编号应为') } });
    expect(await wb.dispatch('enterprises.create', { ...base, permitValidFrom: '2024-05-01', permitValidTo: '2023-05-01' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('有效期止不能早于起') } });
    expect(await wb.dispatch('enterprises.create', { ...base, keyUnitCategories: ['重点单位'] })).toMatchObject({ ok: false });
    const r = await wb.call('enterprises.create', {
      ...base, permitNumber: '91360799MA35X0XB4Q001P', permitIssuer: '赣州市生态环境局', permitValidFrom: '2022-01-10', permitValidTo: '2027-01-09',
      keyUnitCategories: ['水环境重点排污单位', '土壤污染重点监管单位'], keyUnit: false,
    });
    expect(r.warnings.map((w) => w.message).join()).toContain('前18位与本单位统一社会信用代码不一致');
    expect(r.enterprise).toMatchObject({ permitNumber: '91360799MA35X0XB4Q001P', permitValidTo: '2027-01-09', keyUnit: true, keyUnitCategories: ['水环境重点排污单位', '土壤污染重点监管单位'] });
  });
});
