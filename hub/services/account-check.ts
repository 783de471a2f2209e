import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { HubDb } from '../db/hub-db';
import { accountsOfDevice, noteDeviceAccount, userWithPassword } from '../db/users';
import { HubRefusal } from './hub-error';
import { noteFailure, noteSuccess, refuseIfLocked } from './signin-throttle';
import { authenticateUser } from './users';

/**
 * A laptop signs its people in with their hub accounts (issue 18): the first sign-in of an account on
 * a laptop is checked here (the laptop then keeps its own verifier, so later sign-ins work offline),
 * and each sync asks after the accounts the laptop knows. `passwordVersion` changes whenever the
 * password does (a digest of its salted hash), so a laptop forgets a verifier made from an old password.
 */
export type AccountFacts = { name: string; display: string; role: string; towns: string[]; passwordVersion: string };

const versionOf = (hash: string) => createHash('sha256').update(hash).digest('hex').slice(0, 16);

/** Checks an account's password for a laptop (throttled per account and address as enrolment is). */
export async function verifyAccount(db: HubDb, deviceId: string, user: string, password: string, ip: string, log: Logger): Promise<AccountFacts> {
  // Per device and account: guesses from one laptop lock that account on that laptop only, never the
  // account hub-wide nor everyone behind the same office router.
  const throttle = [`device:${deviceId}:user:${user.toLowerCase()}`];
  await refuseIfLocked(db, throttle);
  try {
    const u = await authenticateUser(db, user, password);
    await db.tx(async (q) => { await noteSuccess(q, throttle); await noteDeviceAccount(q, deviceId, u.name); });
    const row = (await userWithPassword(db, u.name))!;
    return { name: u.name, display: u.display, role: u.role, towns: u.towns, passwordVersion: versionOf(row.password) };
  } catch (e) {
    if (e instanceof HubRefusal && e.code === 'bad_credentials') { await db.tx((q) => noteFailure(q, throttle, log)); log.warn({ user, ip, device: deviceId }, 'laptop sign-in failed'); }
    throw e;
  }
}

/** What a laptop's known accounts are now (only those that signed in on it): gone, disabled, role and towns, password version. */
export async function accountStates(db: HubDb, deviceId: string, names: string[]) {
  const out = [];
  const mine = new Set(await accountsOfDevice(db, deviceId));
  for (const name of names.filter((n) => mine.has(n))) {
    const row = await userWithPassword(db, name);
    out.push(row
      ? { name, exists: true, disabled: row.user.disabled, display: row.user.display, role: row.user.role, towns: row.user.towns, passwordVersion: versionOf(row.password) }
      : { name, exists: false, disabled: true, display: name, role: 'inspector', towns: [] as string[], passwordVersion: '' });
  }
  return { accounts: out };
}
