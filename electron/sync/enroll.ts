import { hostname } from 'node:os';
import { DomainError } from '../../shared/api/result';
import { enrollResponseSchema, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { Store } from '../store/store';
import { newDeviceKey } from './device-key';
import { HubClient, type FetchLike } from './hub-client';
import { readSyncState, writeSyncState } from './sync-state';

export type EnrollResult = { deviceId: string; node: string; state: 'pending' | 'approved'; role: string; towns: string[] };

/**
 * Enrols this workspace with a hub (DESIGN §8): a new Ed25519 key, the node id the hub assigns (this
 * laptop's unsent changes are renumbered under it), and — for a re-enrolment after a restore or a
 * clone — a fresh identity while keeping the cursor, so the hub's copy of what was lost comes back.
 */
export async function enroll(store: Store, hubUrl: string, user: string, password: string, opts: { deviceName?: string; fetch?: FetchLike } = {}): Promise<EnrollResult> {
  let url: URL;
  try { url = new URL(hubUrl); } catch { throw new DomainError('invalid', `同步中心地址不对：“${hubUrl}”，应如 http://192.168.1.10:7300`); }
  if (!/^https?:$/.test(url.protocol)) throw new DomainError('invalid', '同步中心地址应以 http:// 或 https:// 开头');
  const key = newDeviceKey();
  const client = new HubClient(url.toString(), opts.fetch);
  const raw = await client.request('POST', '/v1/enroll', { user, password, deviceName: opts.deviceName ?? `${hostname()}（${store.file.split(/[\\/]/).pop()}）`, publicKey: key.publicKey, protocol: PROTOCOL_VERSION });
  const r = enrollResponseSchema.parse(raw);
  const before = readSyncState(store.db);
  if (before.hubId && before.hubId !== r.hubId) writeSyncState(store.db, { cursor: 0, snapshot: null, snapshotDone: false });
  store.transaction(() => {
    store.renameNode(r.node);
    writeSyncState(store.db, {
      hubUrl: url.toString(), hubId: r.hubId, hubKey: r.hubKey, deviceId: r.deviceId, privateKey: key.privateKey, user,
      role: r.role, towns: r.towns, enrollState: r.state,
    });
  });
  return { deviceId: r.deviceId, node: r.node, state: r.state, role: r.role, towns: r.towns };
}
