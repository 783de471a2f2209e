/** 度分秒 ↔ decimal degrees, as clerks write them: 115°03′27.5″, 115度3分27.5秒, 115 3 27.5, E115°… */

const DMS = /^\s*([NSEW东西南北])?\s*(-?\d+(?:\.\d+)?)\s*(?:°|度|\s)\s*(?:(\d+(?:\.\d+)?)\s*(?:′|'|分|\s)\s*)?(?:(\d+(?:\.\d+)?)\s*(?:″|"|''|秒)?\s*)?([NSEW东西南北])?\s*$/i;

/**
 * Parses a decimal or 度分秒 string into decimal degrees; returns null when it is neither.
 * Minutes and seconds must be below 60.
 */
export function parseDegrees(text: string): number | null {
  const t = text.trim().replace(/＇/g, "'").replace(/＂/g, '"');
  if (t === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  const m = DMS.exec(t);
  if (!m) return null;
  const deg = Number(m[2]);
  const min = m[3] === undefined ? 0 : Number(m[3]);
  const sec = m[4] === undefined ? 0 : Number(m[4]);
  if (min >= 60 || sec >= 60) return null;
  const hemisphere = (m[1] ?? m[5] ?? '').toUpperCase();
  const negative = deg < 0 || hemisphere === 'S' || hemisphere === 'W' || hemisphere === '南' || hemisphere === '西';
  const value = Math.abs(deg) + min / 60 + sec / 3600;
  return negative ? -value : value;
}

/** Formats decimal degrees as 度分秒 with seconds to `secondDecimals` places: 115°03′27.50″. */
export function formatDms(value: number, secondDecimals = 2): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  let deg = Math.floor(abs);
  let min = Math.floor((abs - deg) * 60);
  let sec = Number(((abs - deg - min / 60) * 3600).toFixed(secondDecimals));
  if (sec >= 60) { sec -= 60; min += 1; }
  if (min >= 60) { min -= 60; deg += 1; }
  return `${sign}${deg}°${String(min).padStart(2, '0')}′${sec.toFixed(secondDecimals).padStart(secondDecimals + 3, '0')}″`;
}
