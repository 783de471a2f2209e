/**
 * The number a problem goes by in the ledger and on screen (issue 20): the one its list gave it (a
 * 督察交办 number), else the year found and the last six characters of its id — e.g. 2026-4F2A9C.
 */
export function findingNoOf(f: { number: string | null; foundAt: string; id: string }): string {
  return f.number ?? `${f.foundAt.slice(0, 4)}-${f.id.slice(-6).toUpperCase()}`;
}

/** Whole calendar days a problem is past its deadline on `today` (0: not overdue). */
export function overdueDays(deadline: string, today: string): number {
  if (!deadline || deadline >= today) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${deadline.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}
