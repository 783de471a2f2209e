/** 污染源编码 (HJ 608-2017): USCC + 3-digit sequence + 'P'; an outlet inside a plant is D + W/A + 3 digits. */

import { checkUscc } from './uscc';

/** Null when the code is well-formed, else a Chinese message. */
export function pollutionSourceCodeProblem(code: string, uscc?: string): string | null {
  const m = /^([0-9A-Z]{18})(\d{3})P$/.exec(code);
  if (!m) return '污染源编码应为“统一社会信用代码 + 3位顺序码 + P”，共22位，例如 91130200699229617X001P';
  const check = checkUscc(m[1]);
  if (!check.ok) return `污染源编码中的信用代码有误：${check.message}`;
  if (uscc && m[1] !== uscc.trim().toUpperCase()) return '污染源编码的前18位应与本单位统一社会信用代码一致';
  return null;
}

/** 排放口编码 such as DW001 (water) or DA001 (air). */
export function isDischargeOutletCode(code: string): boolean {
  return /^D[WA]\d{3}$/.test(code);
}
