const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time as records and datetime-local inputs hold it: "2026-11-20T09:30" (to the minute). */
export function localMinute(d = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Local wall-clock time to the second: "2026-11-20T09:30:05" (signature times). */
export function localSecond(d = new Date()): string {
  return `${localMinute(d)}:${pad(d.getSeconds())}`;
}

/**
 * A time as every page shows it (issue 20): yyyy-MM-dd HH:mm in local time. An instant (ISO with Z or
 * an offset: a 定稿, a receipt, a change) is turned to this computer's local time; a local minute or
 * second as typed ('2026-11-20T09:30') is shown as it is; a bare date stays a date.
 */
export function shownTime(v: string | null | undefined): string {
  if (!v) return '';
  if (/(Z|[+-]\d{2}:\d{2})$/.test(v)) {
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) return localMinute(d).replace('T', ' ');
  }
  return v.replace('T', ' ').slice(0, 16);
}
