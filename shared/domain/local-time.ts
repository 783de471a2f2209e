const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time as records and datetime-local inputs hold it: "2026-11-20T09:30" (to the minute). */
export function localMinute(d = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Local wall-clock time to the second: "2026-11-20T09:30:05" (signature times). */
export function localSecond(d = new Date()): string {
  return `${localMinute(d)}:${pad(d.getSeconds())}`;
}
