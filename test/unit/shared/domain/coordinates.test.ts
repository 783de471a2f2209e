import { describe, expect, it } from 'vitest';
import { bd09ToGcj02, gcj02ToBd09, gcj02ToWgs84, isInChina, toStored, wgs84ToGcj02 } from '../../../../shared/domain/coordinates';
import { formatDms, parseDegrees } from '../../../../shared/domain/dms';

const metres = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) =>
  Math.hypot((a.lon - b.lon) * 111_320 * Math.cos((a.lat * Math.PI) / 180), (a.lat - b.lat) * 110_540);

describe('coordinate systems', () => {
  const wgs = { lon: 115.054861, lat: 25.903415 };
  it('offsets GCJ-02 by tens to hundreds of metres and inverts it to centimetres', () => {
    const gcj = wgs84ToGcj02(wgs);
    const d = metres(wgs, gcj);
    expect(d).toBeGreaterThan(50);
    expect(d).toBeLessThan(1000);
    expect(metres(gcj02ToWgs84(gcj), wgs)).toBeLessThan(0.05);
  });
  it('round-trips BD-09 through GCJ-02 to WGS-84', () => {
    const bd = gcj02ToBd09(wgs84ToGcj02(wgs));
    expect(metres(toStored(bd, 'BD09'), wgs)).toBeLessThan(1);
    expect(metres(bd09ToGcj02(bd), wgs84ToGcj02(wgs))).toBeLessThan(1);
  });
  it('leaves CGCS2000 and WGS-84 as they are', () => {
    expect(toStored(wgs, 'CGCS2000')).toEqual(wgs);
    expect(toStored(wgs, 'WGS84')).toEqual(wgs);
  });
  it('knows a point outside China, such as a swapped pair', () => {
    expect(isInChina(wgs)).toBe(true);
    expect(isInChina({ lon: wgs.lat, lat: wgs.lon })).toBe(false);
  });
});

describe('度分秒', () => {
  it.each([
    ['115°03′17.5″', 115 + 3 / 60 + 17.5 / 3600],
    ['115度3分17.5秒', 115 + 3 / 60 + 17.5 / 3600],
    ["115°03'17.5\"", 115 + 3 / 60 + 17.5 / 3600],
    ['E115°03′17.5″', 115 + 3 / 60 + 17.5 / 3600],
    ['25°54′12″N', 25 + 54 / 60 + 12 / 3600],
    ['115 3 17.5', 115 + 3 / 60 + 17.5 / 3600],
    ['115.054861', 115.054861],
    ['115°', 115],
  ])('parses %s', (text, value) => {
    expect(parseDegrees(text)).toBeCloseTo(value, 9);
  });
  it('refuses minutes or seconds of 60 and text that is not a coordinate', () => {
    expect(parseDegrees('115°60′00″')).toBeNull();
    expect(parseDegrees('115°03′60″')).toBeNull();
    expect(parseDegrees('东经一百一十五度')).toBeNull();
    expect(parseDegrees('')).toBeNull();
  });
  it('formats and parses back', () => {
    expect(formatDms(115.054861)).toBe('115°03′17.50″');
    expect(parseDegrees(formatDms(25.903415, 3))).toBeCloseTo(25.903415, 6);
    expect(formatDms(115.99999999)).toBe('116°00′00.00″');
  });
});
