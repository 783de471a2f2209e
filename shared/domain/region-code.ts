/** 统计用区划代码: 12 digits = county (6, GB/T 2260) + town (3) + village (3). */

export type RegionLevel = 'county' | 'town' | 'village';
export type TownKind = '街道' | '镇' | '乡' | '其他';

export type RegionCodeCheck = { ok: true; level: RegionLevel; countyCode: string } | { ok: false; message: string };

/** Checks a 12-digit code and tells which level it names. */
export function checkRegionCode(code: string): RegionCodeCheck {
  if (!/^\d{12}$/.test(code)) return { ok: false, message: `区划代码“${code}”应为12位数字` };
  const county = code.slice(0, 6);
  if (!/^[1-8]\d[0-9]{2}[0-9]{2}$/.test(county) || county.slice(0, 2) === '00') {
    return { ok: false, message: `区划代码“${code}”的前6位不是有效的县级代码` };
  }
  const town = code.slice(6, 9);
  const village = code.slice(9, 12);
  if (town === '000') {
    if (village !== '000') return { ok: false, message: `区划代码“${code}”：乡镇位为000时村位也应为000` };
    return { ok: true, level: 'county', countyCode: county };
  }
  return { ok: true, level: village === '000' ? 'town' : 'village', countyCode: county };
}

/** The kind of a town-level unit from its 3-digit range (001–099 街道, 100–199 镇, 200–399 乡). */
export function townKind(townCode: string): TownKind {
  const n = Number(townCode.slice(6, 9));
  if (n >= 1 && n <= 99) return '街道';
  if (n >= 100 && n <= 199) return '镇';
  if (n >= 200 && n <= 399) return '乡';
  return '其他';
}

/** The 12-digit code of the town that contains a village code (or the town itself). */
export function townOf(code: string): string {
  return code.slice(0, 9) + '000';
}

/** A 6-digit GB/T 2260 county code. */
export function isCountyCode(code: string): boolean {
  return /^[1-8]\d{5}$/.test(code);
}
