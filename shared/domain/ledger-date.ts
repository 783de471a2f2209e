/**
 * A date as clerks write it in ledgers — 2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日 — as
 * yyyy-mm-dd, or null when it is not a real date (2023.13.45).
 */
export function parseLedgerDate(text: string): string | null {
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
