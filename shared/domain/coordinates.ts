/**
 * Coordinates are stored as decimal degrees in CGCS2000 ≈ WGS-84 (≈10 m apart).
 * GCJ-02 (高德/腾讯) and BD-09 (百度) inputs are converted on the way in.
 */

export type CoordinateSystem = 'WGS84' | 'CGCS2000' | 'GCJ02' | 'BD09';
export type LonLat = { lon: number; lat: number };

const A = 6378245.0;
const EE = 0.00669342162296594323;
const X_PI = (Math.PI * 3000.0) / 180.0;

/** A rough box around the People's Republic's territory, for catching swapped or foreign coordinates. */
export function isInChina({ lon, lat }: LonLat): boolean {
  return lon >= 73.4 && lon <= 135.1 && lat >= 3.8 && lat <= 53.6;
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** The GCJ-02 offset of a WGS-84 point. */
export function wgs84ToGcj02({ lon, lat }: LonLat): LonLat {
  let dLat = transformLat(lon - 105.0, lat - 35.0);
  let dLon = transformLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lon: lon + dLon, lat: lat + dLat };
}

/** Inverts GCJ-02 by iteration (better than 1e-7°, i.e. centimetres). */
export function gcj02ToWgs84(p: LonLat): LonLat {
  let guess = { lon: p.lon, lat: p.lat };
  for (let i = 0; i < 10; i++) {
    const shifted = wgs84ToGcj02(guess);
    const dLon = shifted.lon - p.lon;
    const dLat = shifted.lat - p.lat;
    guess = { lon: guess.lon - dLon, lat: guess.lat - dLat };
    if (Math.abs(dLon) < 1e-9 && Math.abs(dLat) < 1e-9) break;
  }
  return guess;
}

/** BD-09 → GCJ-02 (Baidu's published inverse). */
export function bd09ToGcj02({ lon, lat }: LonLat): LonLat {
  const x = lon - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return { lon: z * Math.cos(theta), lat: z * Math.sin(theta) };
}

/** GCJ-02 → BD-09. */
export function gcj02ToBd09({ lon, lat }: LonLat): LonLat {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
  return { lon: z * Math.cos(theta) + 0.0065, lat: z * Math.sin(theta) + 0.006 };
}

/** Converts a point in any supported system to the stored system (CGCS2000 ≈ WGS-84). */
export function toStored(p: LonLat, system: CoordinateSystem): LonLat {
  switch (system) {
    case 'WGS84':
    case 'CGCS2000':
      return p;
    case 'GCJ02':
      return gcj02ToWgs84(p);
    case 'BD09':
      return gcj02ToWgs84(bd09ToGcj02(p));
  }
}

/** Rounds to 6 decimals (≈0.1 m), the precision ledgers use. */
export function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
