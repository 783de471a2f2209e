import { describe, expect, it } from 'vitest';
import { isFailing } from '../../shared/checklist/answers';
import { NOT_JUDGED, withTargetLimits } from '../../shared/checklist/limits';
import { itemsOf, TemplateDefinition } from '../../shared/checklist/template';
import { DISCHARGE_STANDARDS, dischargeStandard, limitsOfTarget } from '../../shared/standards/discharge-standards';
import outfallV2 from '../../resources/checklists/outfall-survey-v2.json';
import industrialV2 from '../../resources/checklists/industrial-v2.json';

/*
 * Issue 19: a sampled discharge is judged against discharge limits — GB 18918-2002 for a treatment plant,
 * GB 8978-1996 (or the sector's / the permit's) for industry — never against GB 3838's water classes.
 * Each figure is held against its source (the standards' tables).
 */

const limit = (id: string, p: string) => dischargeStandard(id)!.limits[p as 'cod'];

describe('discharge limits, from their sources (issue 19)', () => {
  it('GB 18918-2002 表1: 一级A COD 50, BOD₅ 10, SS 10, TN 15, 氨氮 5(8), 总磷 0.5 (1 before 2006); 一级B 60, 20, 20, 20, 8(15), 1 (1.5); 二级 100 …', () => {
    expect(limit('GB18918-2002/1A', 'cod')).toEqual({ max: 50 });
    expect(limit('GB18918-2002/1A', 'bod5')).toEqual({ max: 10 });
    expect(limit('GB18918-2002/1A', 'ss')).toEqual({ max: 10 });
    expect(limit('GB18918-2002/1A', 'tn')).toEqual({ max: 15 });
    expect(limit('GB18918-2002/1A', 'nh3n')).toEqual({ max: 5, maxCold: 8 });
    expect(limit('GB18918-2002/1A', 'tp')).toEqual({ max: 0.5 });
    expect(limit('GB18918-2002/1A-2005', 'tp')).toEqual({ max: 1 });
    expect(limit('GB18918-2002/1B', 'cod')).toEqual({ max: 60 });
    expect(limit('GB18918-2002/1B', 'nh3n')).toEqual({ max: 8, maxCold: 15 });
    expect(limit('GB18918-2002/1B-2005', 'tp')).toEqual({ max: 1.5 });
    expect(limit('GB18918-2002/2', 'cod')).toEqual({ max: 100 });
    expect(limit('GB18918-2002/2', 'nh3n')).toEqual({ max: 25, maxCold: 30 });
    expect(limit('GB18918-2002/3', 'cod')).toEqual({ max: 120 });
    for (const s of DISCHARGE_STANDARDS) expect(s.limits.ph, s.id).toEqual({ min: 6, max: 9 });
  });

  it('GB 8978-1996 表4 (其他排污单位): COD 100 is 一级 (二级 150, 三级 500); 氨氮 15 / 25; 磷酸盐 0.5 / 1.0', () => {
    expect(dischargeStandard('GB8978-1996/1')!.name).toBe('GB 8978-1996 一级标准');
    expect(limit('GB8978-1996/1', 'cod')).toEqual({ max: 100 });
    expect(limit('GB8978-1996/2', 'cod')).toEqual({ max: 150 });
    expect(limit('GB8978-1996/3', 'cod')).toEqual({ max: 500 });
    expect(limit('GB8978-1996/1', 'nh3n')).toEqual({ max: 15 });
    expect(limit('GB8978-1996/2', 'nh3n')).toEqual({ max: 25 });
    expect(limit('GB8978-1996/3', 'nh3n')).toBeUndefined();
    expect(limit('GB8978-1996/1', 'tp')).toEqual({ max: 0.5 });
    expect(limit('GB8978-1996/2', 'tp')).toEqual({ max: 1 });
    // No discharge standard is a surface-water class.
    expect(DISCHARGE_STANDARDS.some((s) => s.name.includes('3838'))).toBe(false);
  });

  it('a permit\'s limits are taken as entered; no standard set is no judgement', () => {
    expect(limitsOfTarget('permit', { standardName: 'GB 4287-2012 表2 直接排放', cod: { max: 80 } })).toMatchObject({ name: 'GB 4287-2012 表2 直接排放', limits: { cod: { max: 80 } } });
    expect(limitsOfTarget(null, null)).toBeNull();
    expect(limitsOfTarget('permit', null)).toBeNull();
  });
});

describe('the outfall and industrial checklists (v2) judge a reading by the target\'s limits', () => {
  const outfall = TemplateDefinition.parse(outfallV2);
  const item = (t: TemplateDefinition, id: string) => itemsOf(t).find((x) => x.item.id === id)!.item;
  const a = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).map(([k, value]) => [k, { value, note: '' }]));

  it('no reading of v2 compares discharge with GB 3838 (Ⅴ类); flow carries L/s and daily discharge m³/d', () => {
    expect(JSON.stringify(outfallV2)).not.toContain('3838');
    expect(JSON.stringify(industrialV2)).not.toContain('二级"');
    expect(item(outfall, 'test.flow')).toMatchObject({ unit: 'L/s' });
    expect(item(outfall, 'test.daily')).toMatchObject({ unit: 'm³/d' });
    TemplateDefinition.parse(industrialV2);
  });

  it('a treatment plant on 一级A: COD 55 fails, 45 passes; the problem names the standard', () => {
    const t = withTargetLimits(outfall, { dischargeStandard: 'GB18918-2002/1A' });
    const cod = item(t, 'test.cod');
    expect(cod).toMatchObject({ max: 50, standard: 'GB 18918-2002 一级A标准' });
    expect(isFailing(cod, 55)).toBe(true);
    expect(isFailing(cod, 45)).toBe(false);
    expect(cod.finding?.legalBasis).toContain('GB 18918-2002 一级A标准');
  });

  it('氨氮 under GB 18918 follows the water temperature measured (5 above 12 ℃, 8 at or below); none measured: the looser, said', () => {
    const warm = item(withTargetLimits(outfall, { dischargeStandard: 'GB18918-2002/1A' }, a({ 'test.temp': 18 })), 'test.nh3n');
    expect(warm).toMatchObject({ max: 5, standard: 'GB 18918-2002 一级A标准（水温>12℃）' });
    expect(isFailing(warm, 7)).toBe(true);
    const cold = item(withTargetLimits(outfall, { dischargeStandard: 'GB18918-2002/1A' }, a({ 'test.temp': 10 })), 'test.nh3n');
    expect(isFailing(cold, 7)).toBe(false);
    const unknown = item(withTargetLimits(outfall, { dischargeStandard: 'GB18918-2002/1A' }), 'test.nh3n');
    expect(unknown).toMatchObject({ max: 8, standard: expect.stringContaining('未测水温') });
  });

  it('an industrial unit on GB 8978 一级 fails COD 120; on its permit\'s 80, 90 fails; with no standard set nothing is judged', () => {
    const ind = TemplateDefinition.parse(industrialV2);
    expect(isFailing(item(withTargetLimits(ind, { dischargeStandard: 'GB8978-1996/1' }), 'emissions.cod'), 120)).toBe(true);
    const permit = withTargetLimits(ind, { dischargeStandard: 'permit', permitLimits: JSON.stringify({ standardName: '排污许可证 91360799X 001P', cod: { max: 80 } }) });
    expect(isFailing(item(permit, 'emissions.cod'), 90)).toBe(true);
    expect(item(permit, 'emissions.nh3n')).toMatchObject({ max: undefined, standard: expect.stringContaining('不判定') });
    const none = item(withTargetLimits(ind, {}), 'emissions.cod');
    expect(none).toMatchObject({ max: undefined, standard: NOT_JUDGED });
    expect(isFailing(none, 9999)).toBe(false);
  });
});
