import { DomainError } from '../../../shared/api/result';
import { PROTOCOL_VERSION, pullResponseSchema, snapshotResponseSchema, type PushResponse } from '../../../shared/sync/protocol';
import type { Store } from '../../store/store';
import { applyRemoteChanges, type ApplyReport, type RemoteChange } from './apply';
import { NO_FAULTS, downloadBlob, uploadBlob, type Faults } from './blob-transfer';
import { connectWith, withFreshChallenge } from './session';
import type { EpochRestart } from './epoch';
import { signWith } from './device-key';
import { HubAnswer, HubClient, type FetchLike } from './hub-client';
import { markAcked, lastNseq, pendingPage } from '../../store/change-log';
import { missingBlobs, unconfirmedBlobs } from '../../store/blob-sync';
import { narrowed } from './area';
import { fetchMissingRecords } from './missing-records';
import { snapshotChanges, takeUnheld } from './snapshot';
import { refuseAlteredRecords } from './altered-records';
import { readSyncState, writeSyncState, type SyncState } from '../../store/sync-state';

export type SyncPhase = 'connect' | 'push' | 'upload' | 'snapshot' | 'pull' | 'download' | 'done';
export type SyncProgress = { phase: SyncPhase; done: number; total: number | null };

export type SyncReport = {
  pushed: number;
  quarantined: number;
  pulled: number;
  snapshotRecords: number;
  /** Changes that changed something here (a snapshot or a page also repeats what this laptop already has). */
  applied: number;
  conflictsNoticed: number;
  rejected: number;
  drifted: number;
  blobsUp: number;
  blobsDown: number;
  mediaPending: number;
  cursor: number;
  /** Whole records asked of the hub because a change arrived for one this laptop never had. */
  fetched: number;
  /** The hub was restored from a backup since the last sync: its new epoch, this laptop's changes sent again, and where the pull began again. */
  restart: EpochRestart | null;
  touched: ApplyReport['touched'];
};

export type SyncOptions = { fetch?: FetchLike; faults?: Faults; onProgress?: (p: SyncProgress) => void; pageSize?: number };

function enrolled(s: SyncState): asserts s is SyncState & { hubUrl: string; deviceId: string; privateKey: string } {
  if (!s.hubUrl || !s.deviceId || !s.privateKey) throw new DomainError('invalid', '本机尚未登记到同步中心：请先在“同步”页填写中心地址并登记（或 qingshui enroll）');
}

/** Opens a session: checks the enrolment is approved and gets a short-lived token by signing a challenge. */
async function connect(store: Store, s: SyncState & { hubUrl: string; deviceId: string; privateKey: string }, client: HubClient): Promise<EpochRestart | null> {
  if (s.enrollState !== 'approved') {
    const { state } = await withFreshChallenge(client, (challenge) => client.request<{ state: SyncState['enrollState'] }>('POST', `/v1/devices/${s.deviceId}/state`, { challenge, signature: signWith(s.privateKey, challenge) }));
    writeSyncState(store.db, { enrollState: state });
    if (state === 'pending') throw new DomainError('forbidden', '本机的登记尚待同步中心管理员批准（管理员在其电脑的“同步 → 设备管理”中批准）');
    if (state === 'revoked') throw new DomainError('forbidden', '本机已被管理员注销，不能再同步；如需继续使用请重新登记');
  }
  const { widened, restart } = await connectWith(store, client);
  // What connecting changed (an epoch followed, towns widened) is read back.
  Object.assign(s, readSyncState(store.db));
  if (widened) Object.assign(s, { snapshotDone: false, snapshot: null });
  return restart;
}

/** A request started ahead of need: its failure is reported where it is awaited, never as an unhandled rejection. */
function ahead<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

function merge(into: SyncReport, r: ApplyReport): void {
  into.applied += r.applied;
  into.conflictsNoticed += r.conflictsNoticed;
  into.rejected += r.rejected.length;
  into.drifted += r.drifted;
  for (const k of ['finding', 'complaint', 'case'] as const) for (const id of r.touched[k]) into.touched[k].add(id);
}

/**
 * One sync with the hub (DESIGN §8): push this node's unacknowledged changes page by page (marked
 * sent only when acknowledged), upload blobs the hub lacks, take a snapshot on a first sync, pull by
 * hub sequence (each page applied with its cursor in one transaction), fetch missing blobs. A kill
 * at any point leaves a state the next sync simply continues from.
 */
export async function syncWithHub(store: Store, opts: SyncOptions = {}): Promise<SyncReport> {
  const faults = opts.faults ?? NO_FAULTS;
  const progress = opts.onProgress ?? (() => undefined);
  const s = readSyncState(store.db);
  enrolled(s);
  const client = HubClient.of(s.hubUrl, s.hubFingerprint, opts.fetch);
  const report: SyncReport = { pushed: 0, quarantined: 0, pulled: 0, snapshotRecords: 0, applied: 0, conflictsNoticed: 0, rejected: 0, drifted: 0, blobsUp: 0, blobsDown: 0, mediaPending: 0, cursor: s.cursor, fetched: 0, restart: null, touched: { finding: new Set(), complaint: new Set(), case: new Set() } };
  progress({ phase: 'connect', done: 0, total: null });
  report.restart = await connect(store, s, client);

  for (;;) {
    const page = pendingPage(store.db, store.nodeId, 0, opts.pageSize);
    if (page.length === 0) break;
    faults.at('before-push');
    let resp: PushResponse;
    try {
      resp = await client.request<PushResponse>('POST', '/v1/push', { protocol: PROTOCOL_VERSION, lastNseq: lastNseq(store.db, store.nodeId), changes: page, ...(s.hubEpoch ? { epoch: s.hubEpoch.id } : {}) });
    } catch (e) {
      if (e instanceof HubAnswer && (e.hubCode === 'restored' || e.hubCode === 'clone')) writeSyncState(store.db, { enrollState: 'revoked' });
      throw e;
    }
    faults.at('after-push');
    markAcked(store.db, store.nodeId, resp.acks);
    report.pushed += resp.acks.filter((a) => a.status === 'applied').length;
    report.quarantined += resp.acks.filter((a) => a.status === 'quarantined').length;
    progress({ phase: 'push', done: report.pushed, total: null });
  }

  const up = unconfirmedBlobs(store.db);
  for (const b of up) {
    await uploadBlob(store, client, b.sha256, faults);
    progress({ phase: 'upload', done: ++report.blobsUp, total: up.length });
  }

  let cursor = s.cursor;
  // A first sync, or one after the account was given more towns (`connectWith`), starts with a
  // snapshot. The latter takes only the records this laptop lacks and pulls on from where it was.
  const again = cursor > 0;
  if (!s.snapshotDone) {
    let at = s.snapshot;
    const fetchPage = (from: typeof at) => {
      const q = new URLSearchParams(from ? { entity: from.entity, id: from.id, cursor: String(from.cursor) } : {});
      if (s.hubEpoch) q.set('epoch', s.hubEpoch.id);
      if (opts.pageSize) q.set('limit', String(opts.pageSize));
      return ahead(client.request('GET', `/v1/snapshot?${q}`));
    };
    let next = fetchPage(at);
    for (;;) {
      const page = snapshotResponseSchema.parse(await next);
      // Ask for the next page before writing this one: the hub reads while this laptop writes.
      if (page.more) next = fetchPage(page.after ? { ...page.after, cursor: page.cursor } : at);
      store.replicaTransaction(() => {
        // Only records this laptop lacks are replayed raw. One it holds — also on a first snapshot: its own
        // records, pushed by a USB bundle whose acknowledgement never came back — is brought up to date by
        // its history instead (replayed raw over its own unacknowledged change, the hub's heads would read
        // as a conflict with it here only).
        const records = takeUnheld(store.db, page.records, new Date().toISOString());
        merge(report, applyRemoteChanges(store, snapshotChanges(records)));
        report.snapshotRecords += records.length;
        // Whole now: every finalized record it brought must rebuild from its rows, or it is not kept.
        if (!page.more) report.rejected += refuseAlteredRecords(store, null, new Date().toISOString()).length;
        // What the snapshot is complete for: the towns every page of it was read with.
        const earlier = at && at.area !== undefined ? at.area : page.towns;
        const seen = page.towns === undefined ? s.area : narrowed(earlier ?? null, page.towns);
        at = page.after ? { ...page.after, cursor: page.cursor, area: seen } : at;
        writeSyncState(store.db, page.more ? { snapshot: at } : { snapshot: null, snapshotDone: true, cursor: again ? cursor : page.cursor, area: seen });
        s.area = seen;
      });
      progress({ phase: 'snapshot', done: report.snapshotRecords, total: null });
      faults.at('mid-pull');
      if (!page.more) { cursor = again ? cursor : page.cursor; break; }
    }
  }

  // Records waiting for their histories (set aside by a snapshot taken again, or by a sync cut short):
  // taken before the pull, so each record's changes arrive here in order.
  await fetchMissingRecords(store, client, (r, records) => { merge(report, r); report.fetched += records; });

  // `ack`: what this laptop has durably applied — what it holds now, flushed to disk (the pull pages
  // written next do not wait for the disk: a power cut may take them back, so they are acknowledged
  // by the next sync).
  store.flush();
  const ack = String(cursor);
  const fetchPull = (after: number) => {
    const q = new URLSearchParams({ after: String(after), ack, ...(s.hubEpoch ? { epoch: s.hubEpoch.id } : {}) });
    if (opts.pageSize) q.set('limit', String(opts.pageSize));
    return ahead(client.request('GET', `/v1/pull?${q}`));
  };
  let nextPull = fetchPull(cursor);
  for (;;) {
    const page = pullResponseSchema.parse(await nextPull);
    if (page.more) nextPull = fetchPull(page.next);
    const remote: RemoteChange[] = page.changes.map((c) => ({ ...c, raw: false }));
    store.replicaTransaction(() => {
      merge(report, applyRemoteChanges(store, remote, page));
      faults.at('mid-page');
      s.area = narrowed(s.area, page.towns);
      writeSyncState(store.db, { cursor: page.next, snapshotDone: true, area: s.area });
    });
    cursor = page.next;
    report.pulled += page.changes.length;
    progress({ phase: 'pull', done: report.pulled, total: null });
    faults.at('mid-pull');
    if (!page.more) break;
  }
  report.cursor = cursor;
  await fetchMissingRecords(store, client, (r, records) => { merge(report, r); report.fetched += records; });

  const missing = missingBlobs(store.db);
  for (const hash of missing) {
    if (await downloadBlob(store, client, hash)) report.blobsDown++;
    progress({ phase: 'download', done: report.blobsDown, total: missing.length });
  }
  report.mediaPending = missing.length - report.blobsDown;
  writeSyncState(store.db, { lastSyncAt: new Date().toISOString() });
  progress({ phase: 'done', done: 1, total: 1 });
  return report;
}

