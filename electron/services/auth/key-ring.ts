import { createHash } from 'node:crypto';
import { newRecoveryCode, newWorkspaceKey } from '../../store/cipher';
import { accountNamed, setSlotMark, slotMark } from '../../store/accounts';
import { hasAccountSlot, passwordSlot, readSlots, sharedPasswordSlots, withSlot, writeSlots, type Slot, type SlotFile } from '../../store/key-slots';
import { protectStore } from '../../store/protection';
import type { Store } from '../../store/store';
import { hubSlotFor } from '../../store/account-slots';

/*
 * The key slots kept beside a protected workspace follow its accounts (issue 18): a slot is written
 * whenever a password is known to be right (setup, sign-in, a password set or reset), and taken away
 * when the account is disabled, removed, or its password changed at the hub. A plain workspace becomes
 * protected the first time a password is known (its first administrator, or a workspace made before
 * protection existed, at its next sign-in).
 */

const digest = (verifier: string) => createHash('sha256').update(verifier).digest('hex');

/** Notes which verifier each account's slot was written beside (a new password needs a new slot). */
function markSlots(store: Store, users: string[]): void {
  for (const user of users) setSlotMark(store.db, user, digest(accountNamed(store.db, user)?.verifier ?? ''));
}

/**
 * Protects the workspace with a new key: slots for `slots`, for the hub when joined, else a recovery
 * code (returned: shown once). The demo lists its accounts (their password is public) for its sign-in page.
 */
async function protect(store: Store, key: Buffer, accountSlots: Slot[], users: string[], demo?: SlotFile['demo']): Promise<string | null> {
  const hub = hubSlotFor(store, key);
  const recoveryCode = hub ? null : newRecoveryCode();
  const slots = [...accountSlots, hub ?? await passwordSlot(key, recoveryCode!, { kind: 'recovery' })];
  try {
    protectStore(store, key, { format: 'qingshui-keys-v1', slots, ...(demo ? { demo } : {}) });
  } catch (e) {
    // Another program has the workspace open: it is protected at a later sign-in, when it is not.
    if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
    console.warn('[qingshui] workspace not encrypted yet (open elsewhere):', (e as Error).message);
    return null;
  }
  markSlots(store, users);
  return recoveryCode;
}

/**
 * After `user`'s password was checked or set: `user` has a slot opened by `password`. A plain workspace
 * is protected first when `protectIfPlain` (a sign-in or setup, whose answer shows the recovery code
 * returned when it has no hub); an account made or reset by an administrator only gains a slot.
 */
export async function keepSlot(store: Store, user: string, password: string, protectIfPlain = false): Promise<string | null> {
  if (!store.key && !protectIfPlain) return null;
  if (!store.key) {
    const key = newWorkspaceKey();
    return protect(store, key, [await passwordSlot(key, password, { kind: 'account', user })], [user]);
  }
  const file = readSlots(store.file);
  const verifier = accountNamed(store.db, user)?.verifier ?? '';
  const mark = slotMark(store.db, user);
  if (file && hasAccountSlot(file, user) && mark === digest(verifier)) return null;
  writeSlots(store.file, withSlot(file ?? { format: 'qingshui-keys-v1', slots: [] }, await passwordSlot(store.key, password, { kind: 'account', user })));
  markSlots(store, [user]);
  return null;
}

/** The demo county protected at once, its accounts sharing their public password. */
export async function protectDemo(store: Store, accounts: { user: string; role: string; password: string }[]): Promise<string | null> {
  const key = newWorkspaceKey();
  const slots = await sharedPasswordSlots(key, accounts[0].password, accounts.map((a) => a.user));
  return protect(store, key, slots, accounts.map((a) => a.user), accounts.map(({ user, role, password }) => ({ user, role, password })));
}
