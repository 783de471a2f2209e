import { DomainError } from '../../../shared/api/result';
import type { Store } from '../../store/store';
import { signWith } from './device-key';
import { HubAnswer, HubClient } from './hub-client';
import { widens } from './area';
import { followEpoch, heldByHub, type EpochRestart, type HubEpoch } from './epoch';
import { readSyncState, writeSyncState } from '../../store/sync-state';

/**
 * Signs a fresh challenge for one request. A challenge opens one session only (the hub refuses it
 * again), so a request the network delivered twice fails the second time: asked once more with a new one.
 */
export async function withFreshChallenge<T>(client: HubClient, send: (challenge: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const { challenge } = await client.request<{ challenge: string }>('GET', '/v1/challenge');
    try {
      return await send(challenge);
    } catch (e) {
      if (!(e instanceof HubAnswer && e.hubCode === 'challenge') || attempt >= 3) throw e;
    }
  }
}

/**
 * Gets a short-lived token for this device by signing the hub's challenge with its key, and learns
 * the account's role and towns as they stand now. When the account sees more than this laptop's data
 * is complete for (an admin added a town, or gave one back), the next pull is preceded by a snapshot
 * again: those towns' records, and what changed in them meanwhile, never came as changes (`widened`).
 * A hub restored from a backup is followed from its restore point first (`restart`, see `epoch.ts`).
 */
export async function connectWith(store: Store, client: HubClient): Promise<{ widened: boolean; restart: EpochRestart | null }> {
  const first = readSyncState(store.db);
  if (!first.deviceId || !first.privateKey) throw new DomainError('invalid', '本机尚未登记到同步中心');
  const t = await withFreshChallenge(client, (challenge) => client.request<{ token: string; role: string; towns: string[]; epoch?: HubEpoch; lastNseq?: number; auditSeq?: number }>(
    'POST', '/v1/token', { deviceId: first.deviceId, challenge, signature: signWith(first.privateKey!, challenge) },
  ));
  client.token = t.token;
  // A hub restored from a backup: this laptop picks up from its restore point before anything else,
  // and at every connection sends again what the hub says it lacks.
  const followed = followEpoch(store, t.epoch);
  const resent = t.lastNseq === undefined ? 0 : heldByHub(store, t.lastNseq, t.auditSeq ?? 0);
  const restart = followed ? { ...followed, resent } : null;
  const s = restart ? readSyncState(store.db) : first;
  const widened = s.snapshotDone && widens(s.area, t.role, t.towns);
  if (t.role !== s.role || t.towns.join() !== s.towns.join() || widened) {
    writeSyncState(store.db, { role: t.role, towns: t.towns, ...(widened ? { snapshotDone: false, snapshot: null } : {}) });
  }
  return { widened, restart };
}

/** A client for this workspace's hub with a fresh token: for one request outside a sync (the quarantine). */
export async function hubSession(store: Store): Promise<HubClient> {
  const s = readSyncState(store.db);
  const client = HubClient.of(s.hubUrl ?? '', s.hubFingerprint);
  await connectWith(store, client);
  return client;
}
