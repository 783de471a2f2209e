/** 执法证号: an enforcement-certificate number, at most 12 characters. */
export function certificateProblem(no: string): string | null {
  if (!/^[0-9A-Za-z]{1,12}$/.test(no)) return '执法证号应为1–12位数字或字母';
  return null;
}

/** Mainland mobile or landline with area code. */
export function phoneProblem(phone: string): string | null {
  if (/^1[3-9]\d{9}$/.test(phone) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(phone)) return null;
  return '联系电话应为11位手机号或带区号的固定电话，例如 0797-1234567';
}
