const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECKS = '10X98765432';

/** 公民身份号码 (GB 11643-1999): 18 characters, birth date and the ISO 7064 MOD 11-2 check character. */
export function idNumberProblem(raw: string): string | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号应为18位（最后一位可为X）';
  const birth = id.slice(6, 14);
  const d = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10).replace(/-/g, '') !== birth) return '身份证号中的出生日期无效';
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return '身份证号校验位不符，请核对';
  return null;
}

/** The check character (ISO 7064 MOD 11-2) of the first 17 digits of a 身份证号. */
export function idCheckCharacter(first17: string): string {
  return CHECKS[WEIGHTS.reduce((s, w, i) => s + w * Number(first17[i]), 0) % 11];
}
