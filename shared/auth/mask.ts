/**
 * Personal information shown masked (个人信息保护法 第五十一条: 采取相应的加密、去标识化等安全技术措施;
 * GB/T 35273-2020 个人信息安全规范 §6.2 去标识化 / 附录 展示限制): a mobile number as 138****5678, an ID
 * number as its first 6 and last 4, a person's name as its first character and ** (张**). A full value is
 * shown only on a logged reveal, or to a role that may see it.
 */
/** A mobile number (a person's) as 138****5678; a landline with its area code (an office's) is not personal and stays as it is. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (/^(86)?1\d{10}$/.test(digits)) return `${digits.slice(-11, -8)}****${digits.slice(-4)}`;
  return phone;
}

/** Whether a text is a mobile number as `maskPhone` shows it (138****5678): what was shown, not a number. */
export function isMaskedPhone(text: string): boolean {
  return /^\d{3}\*{4}\d{4}$/.test(text.trim());
}

export function maskIdNumber(id: string): string {
  return id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : id;
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length ? `${chars[0]}**` : '';
}

/** Whether a value as sent back by a form is only the masked form of what is stored (so it changes nothing). */
export function isMaskedOf(given: unknown, stored: string, mask: (v: string) => string): boolean {
  return typeof given === 'string' && given !== stored && given.includes('*') && given === mask(stored);
}
