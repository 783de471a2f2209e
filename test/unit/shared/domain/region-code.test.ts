import { describe, expect, it } from 'vitest';
import { checkRegionCode, townKind, townOf } from '../../../../shared/domain/region-code';

describe('统计用区划代码', () => {
  it('tells county, town and village levels apart', () => {
    expect(checkRegionCode('360799000000')).toMatchObject({ ok: true, level: 'county', countyCode: '360799' });
    expect(checkRegionCode('360799101000')).toMatchObject({ ok: true, level: 'town' });
    expect(checkRegionCode('360799101203')).toMatchObject({ ok: true, level: 'village' });
  });
  it('refuses malformed codes', () => {
    expect(checkRegionCode('36079910100').ok).toBe(false);
    expect(checkRegionCode('36079910100A').ok).toBe(false);
    expect(checkRegionCode('360799000001').ok).toBe(false);
    expect(checkRegionCode('000799101000').ok).toBe(false);
  });
  it('derives the town kind from its range', () => {
    expect(townKind('360799001000')).toBe('街道');
    expect(townKind('360799101000')).toBe('镇');
    expect(townKind('360799201000')).toBe('乡');
    expect(townKind('360799401000')).toBe('其他');
    expect(townOf('360799101203')).toBe('360799101000');
  });
});
