import type { Queryable } from './hub-db';

/** Failed sign-ins and locks, per account and per source address (`signin_throttle`). */

export type ThrottleRow = { key: string; failures: number; locks: number; locked_until: string | null };

/** The count kept for a key, if any. */
export function throttleRow(q: Queryable, key: string): Promise<ThrottleRow | undefined> {
  return q.one<ThrottleRow>('SELECT key, failures, locks, locked_until FROM signin_throttle WHERE key = $1', [key]);
}

/** Keeps a key's count (in place of the one kept). */
export function saveThrottle(q: Queryable, r: ThrottleRow): Promise<void> {
  return q.run(`INSERT INTO signin_throttle (key, failures, locks, locked_until) VALUES ($1, $2, $3, $4)
      ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, locks = excluded.locks, locked_until = excluded.locked_until`, [r.key, r.failures, r.locks, r.locked_until]);
}

/** Clears a key's count. */
export function clearThrottle(q: Queryable, key: string): Promise<void> {
  return q.run('DELETE FROM signin_throttle WHERE key = $1', [key]);
}
