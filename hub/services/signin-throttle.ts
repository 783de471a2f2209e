import type { Logger } from 'pino';
import type { Queryable } from '../db/hub-db';
import { clearThrottle, saveThrottle, throttleRow } from '../db/signin-throttle';
import { HubRefusal } from './hub-error';

/**
 * Sign-in cannot be guessed (OWASP ASVS 2.2.1, 等保 2.0 登录失败处理): per account and per source
 * address, 5 failed sign-ins in a row lock further ones for 15 minutes, and each lock after that
 * doubles (30, 60 … at most a day), logged. A success clears the count. Kept in the hub's database,
 * so every hub process of one database sees the same locks.
 */
export const MAX_FAILURES = 5;
export const FIRST_LOCK_MS = 15 * 60_000;
const MAX_LOCK_MS = 24 * 60 * 60_000;

/** The keys a sign-in is counted under: its account and its source address. */
export const signinKeys = (user: string, address: string) => [`user:${user.toLowerCase()}`, `addr:${address}`];

/** Refuses while any of these keys is locked, saying until when. */
export async function refuseIfLocked(q: Queryable, keys: string[], now = Date.now()): Promise<void> {
  for (const key of keys) {
    const r = await throttleRow(q, key);
    if (r?.locked_until && Date.parse(r.locked_until) > now) {
      const minutes = Math.ceil((Date.parse(r.locked_until) - now) / 60_000);
      throw new HubRefusal(429, 'locked', `登录失败次数过多，已暂时锁定，请 ${minutes} 分钟后再试（或请管理员核实）`);
    }
  }
}

/** Counts a failed sign-in against each key; the fifth in a row locks it. */
export async function noteFailure(q: Queryable, keys: string[], log: Logger, now = Date.now()): Promise<void> {
  for (const key of keys) {
    const r = await throttleRow(q, key);
    let failures = (r?.failures ?? 0) + 1;
    let locks = r?.locks ?? 0;
    let until: string | null = r?.locked_until ?? null;
    if (failures >= MAX_FAILURES) {
      const ms = Math.min(FIRST_LOCK_MS * 2 ** locks, MAX_LOCK_MS);
      locks += 1;
      failures = 0;
      until = new Date(now + ms).toISOString();
      log.warn({ key, minutes: ms / 60_000, locks }, 'sign-in locked');
    }
    await saveThrottle(q, { key, failures, locks, locked_until: until });
  }
}

/** A successful sign-in clears the count of each key. */
export async function noteSuccess(q: Queryable, keys: string[]): Promise<void> {
  for (const key of keys) await clearThrottle(q, key);
}
