import { DomainError } from '../../shared/api/result';
import type { Store } from '../store/store';
import { signWith } from './device-key';
import { HubClient } from './hub-client';
import { readSyncState, writeSyncState } from './sync-state';

/**
 * Gets a short-lived token for this device by signing the hub's challenge with its key, and learns
 * the account's role and towns as they stand now. When an admin has widened what the account sees
 * (a town added, or no longer limited to towns), the next pull is preceded by a snapshot again: the
 * records of the added towns never came as changes. True when it has to be.
 */
export async function connectWith(store: Store, client: HubClient): Promise<boolean> {
  const s = readSyncState(store.db);
  if (!s.deviceId || !s.privateKey) throw new DomainError('invalid', '本机尚未登记到同步中心');
  const { challenge } = await client.request<{ challenge: string }>('GET', '/v1/challenge');
  const t = await client.request<{ token: string; role: string; towns: string[] }>('POST', '/v1/token', { deviceId: s.deviceId, challenge, signature: signWith(s.privateKey, challenge) });
  client.token = t.token;
  const widened = s.role === 'town' && (t.role !== 'town' || t.towns.some((town) => !s.towns.includes(town)));
  if (t.role !== s.role || t.towns.join() !== s.towns.join()) {
    writeSyncState(store.db, { role: t.role, towns: t.towns, ...(widened && s.snapshotDone ? { snapshotDone: false, snapshot: null } : {}) });
  }
  return widened;
}

/** A client for this workspace's hub with a fresh token: for one request outside a sync (the quarantine). */
export async function hubSession(store: Store): Promise<HubClient> {
  const client = new HubClient(readSyncState(store.db).hubUrl ?? '');
  await connectWith(store, client);
  return client;
}
