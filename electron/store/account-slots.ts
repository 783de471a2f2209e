import { allAccounts } from './accounts';
import { hasAccountSlot, hubSlot, hubSlotOf, readSlots, withoutAccounts, withSlot, writeSlots, type HubSlot } from './key-slots';
import type { Store } from './store';
import { readSyncState } from './sync-state';

/*
 * The key slots of a protected workspace kept in step with what the laptop knows (issue 18): its
 * accounts (a disabled one, or one whose password changed at the hub, opens it no more) and its hub
 * (the slot wrapped by the secret the hub keeps for this device).
 */

/** The hub slot for this laptop's key, or null (not joined, or the hub has not given its secret yet). */
export function hubSlotFor(store: Store, key: Buffer): HubSlot | null {
  const s = readSyncState(store.db);
  if (!s.deviceId || !s.hubUrl || !s.sealSecret) return null;
  return hubSlot(key, Buffer.from(s.sealSecret, 'base64'), { url: s.hubUrl, fingerprint: s.hubFingerprint, deviceId: s.deviceId });
}

/** Takes away the slots of accounts that may no longer open this laptop (disabled, removed, password changed). */
export function dropStaleSlots(store: Store): void {
  const file = store.key ? readSlots(store.file) : null;
  if (!file) return;
  const stale = allAccounts(store.db).filter((a) => a.disabled || a.verifier === '').map((a) => a.name);
  if (stale.some((user) => hasAccountSlot(file, user))) writeSlots(store.file, withoutAccounts(file, stale));
}

/** Puts this laptop's hub slot in place once the hub has given the device its secret (again after a re-enrolment). */
export function keepHubSlot(store: Store): void {
  const file = store.key ? readSlots(store.file) : null;
  const hub = file && hubSlotFor(store, store.key!);
  if (!file || !hub) return;
  const had = hubSlotOf(file);
  if (had && had.deviceId === hub.deviceId && had.url === hub.url) return;
  writeSlots(store.file, withSlot(file, hub));
}
