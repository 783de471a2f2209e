import { DomainError } from '../../shared/api/result';
import type { Store } from '../store/store';
import { signWith } from './device-key';
import { HubClient } from './hub-client';
import { readSyncState } from './sync-state';

/** Gets a short-lived token for this device by signing the hub's challenge with its key. */
export async function connectWith(store: Store, client: HubClient): Promise<void> {
  const s = readSyncState(store.db);
  if (!s.deviceId || !s.privateKey) throw new DomainError('invalid', '本机尚未登记到同步中心');
  const { challenge } = await client.request<{ challenge: string }>('GET', '/v1/challenge');
  const t = await client.request<{ token: string }>('POST', '/v1/token', { deviceId: s.deviceId, challenge, signature: signWith(s.privateKey, challenge) });
  client.token = t.token;
}

/** A client for this workspace's hub with a fresh token: for one request outside a sync (the quarantine). */
export async function hubSession(store: Store): Promise<HubClient> {
  const client = new HubClient(readSyncState(store.db).hubUrl ?? '');
  await connectWith(store, client);
  return client;
}
