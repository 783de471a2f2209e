/**
 * Outfall codes. The HJ 1235-2021 structure is unverified, so codes are stored as text and checked
 * by a pluggable validator; the default only refuses characters no register uses.
 */

export type OutfallCodeValidator = (code: string) => string | null;

/** Default: 4–40 characters of digits, Latin capitals and hyphens. */
export const defaultOutfallCodeValidator: OutfallCodeValidator = (code) => {
  if (!/^[0-9A-Z-]{4,40}$/.test(code)) return '排污口编码应为4–40位数字、大写字母或“-”';
  return null;
};
