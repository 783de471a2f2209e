/** 统一社会信用代码 (GB 32100-2015): 18 characters, the last one a check character. */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccCheck =
  | { ok: true; code: string; checkMatches: boolean; expectedCheck: string }
  | { ok: false; message: string };

/** The check character GB 32100 expects for the first 17 characters. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const value = 31 - (sum % 31);
  return ALPHABET[value === 31 ? 0 : value];
}

/**
 * Validates the structure strictly and the check character leniently: some issued codes fail
 * the check, so a mismatch is reported as `checkMatches: false` (warn, do not block).
 */
export function checkUscc(raw: string): UsccCheck {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, message: `统一社会信用代码应为18位，当前为${code.length}位` };
  for (const ch of code) {
    if (!ALPHABET.includes(ch)) return { ok: false, message: `统一社会信用代码含有不允许的字符“${ch}”（不使用 I、O、Z、S、V）` };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { ok: false, message: '统一社会信用代码第3–8位应为6位行政区划代码' };
  const expectedCheck = usccCheckCharacter(code.slice(0, 17));
  return { ok: true, code, checkMatches: expectedCheck === code[17], expectedCheck };
}

/** Builds a valid code from its first 17 characters (used by the demo county). */
export function completeUscc(first17: string): string {
  return first17 + usccCheckCharacter(first17);
}
