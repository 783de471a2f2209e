import { localMinute } from '../../shared/domain/local-time';

/**
 * Today's date for deadlines (yyyy-mm-dd, local). `QINGSHUI_TODAY` sets a simulated date for
 * rehearsals and tests ("what is overdue on 15 March?"); it never changes record timestamps.
 */
export function today(): string {
  const simulated = process.env.QINGSHUI_TODAY;
  if (simulated && /^\d{4}-\d{2}-\d{2}$/.test(simulated)) return simulated;
  return localMinute().slice(0, 10);
}

/** Now as a local minute on today's (possibly simulated) date. */
export function nowMinute(): string {
  return `${today()}${localMinute().slice(10)}`;
}
