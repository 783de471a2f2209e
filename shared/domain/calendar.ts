/** Calendar dates as records hold them (yyyy-mm-dd), counted in whole days and in working days. */

function utc(date: string): Date {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`);
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to).getTime() - utc(from).getTime()) / 86_400_000);
}

/**
 * A working-day calendar: Saturdays and Sundays are off unless listed as 调休 working days; listed
 * holidays are off. The lists are the State Council's yearly arrangement, kept in settings ([U]).
 */
export type WorkCalendar = { holidays: readonly string[]; workdays: readonly string[] };

export function isWorkday(date: string, cal: WorkCalendar): boolean {
  if (cal.workdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  const day = utc(date).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The date that is the `n`th working day after `date` (公示 within 7 / 20 working days). */
export function addWorkdays(date: string, n: number, cal: WorkCalendar): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date.slice(0, 10)) || n > 366) throw new Error(`工作日计算的日期或天数无效：${date}，${n}`);
  let d = date.slice(0, 10);
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (isWorkday(d, cal)) left--;
  }
  return d;
}
