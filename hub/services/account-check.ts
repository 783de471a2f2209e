import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { HubDb } from '../db/hub-db';
import { userWithPassword } from '../db/users';
import { HubRefusal } from './hub-error';
import { noteFailure, noteSuccess, refuseIfLocked, signinKeys } from './signin-throttle';
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
export async function verifyAccount(db: HubDb, user: string, password: string, ip: string, log: Logger): Promise<AccountFacts> {
  const throttle = signinKeys(user, ip);
  await refuseIfLocked(db, throttle);
  try {
    const u = await authenticateUser(db, user, password);
    await db.tx((q) => noteSuccess(q, throttle));
    const row = (await userWithPassword(db, u.name))!;
    return { name: u.name, display: u.display, role: u.role, towns: u.towns, passwordVersion: versionOf(row.password) };
  } catch (e) {
    if (e instanceof HubRefusal && e.code === 'bad_credentials') { await db.tx((q) => noteFailure(q, throttle, log)); log.warn({ user, ip }, 'laptop sign-in failed'); }
    throw e;
  }
}

/** What a laptop's known accounts are now: gone, disabled, their role and towns, their password's version. */
export async function accountStates(db: HubDb, names: string[]) {
  const out = [];
  for (const name of names) {
    const row = await userWithPassword(db, name);
    out.push(row
      ? { name, exists: true, disabled: row.user.disabled, display: row.user.display, role: row.user.role, towns: row.user.towns, passwordVersion: versionOf(row.password) }
      : { name, exists: false, disabled: true, display: name, role: 'inspector', towns: [] as string[], passwordVersion: '' });
  }
  return { accounts: out };
}
