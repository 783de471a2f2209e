import { rmSync, writeFileSync } from 'node:fs';
import type { HubDevice, HubUser, QuarantineItem, SyncReportOut, SyncStatus } from '../../../shared/api/sync';
import { DomainError } from '../../../shared/api/result';
import { entityName } from '../../../shared/sync/entity-names';
import { blobCounts } from '../../store/blob-sync';
import { pendingCount } from '../../store/change-log';
import { listDuplicates } from '../../store/duplicates';
import type { Store } from '../../store/store';
import { conflictCount } from '../../store/sync-conflicts';
import { listRejected, rejectedCount } from '../../store/sync-rejects';
import { readSyncState } from '../../store/sync-state';
import { refreshCase } from '../cases';
import { refreshComplaint } from '../complaints';
import { authorOf, townOfficer, type ServiceContext } from '../context';
import { refreshFinding } from '../findings/index';
import type { Handlers } from '../handlers';
import { audit } from '../audit';
import { fieldAsSeen } from '../personal-info';
import { refreshHubAccounts } from './hub-accounts';
import { pushAuditLog } from './audit-push';
import { fetchSealSecret } from './seal';
import { fetchReceipts } from './receipts';
import { dropStaleSlots, keepHubSlot } from '../../store/account-slots';

export { joinedHub, verifyAtHub } from './hub-accounts';
export { unsealAtHub } from './seal';
export { hubDocumentNumber } from './document-numbers';
export type { HubAccountFacts } from './hub-accounts';
import { exportInfo, newExportPath } from '../ledgers/index';
import type { ApplyReport } from './apply';
import { exportDeviceBundle, importDeviceBundle } from './bundle';
import { listConflicts, resolveConflict } from './conflicts';
import { enroll } from './enroll';
import { syncWithHub, type SyncOptions, type SyncReport } from './engine';
import { hubSession } from './session';
import { newStagedUpload, stagedUpload } from '../uploads';

/** What the 同步 page shows: the enrolment, the cursor and what waits (changes, files, conflicts, refusals, duplicates). */
export function syncStatus(store: Store): SyncStatus {
  const s = readSyncState(store.db);
  const blobs = blobCounts(store.db);
  return {
    enrolled: !!s.deviceId, hubUrl: s.hubUrl, hubFingerprint: s.hubFingerprint, deviceId: s.deviceId, node: store.nodeId, user: s.user, role: s.role, towns: s.towns,
    enrollState: s.enrollState, lastSyncAt: s.lastSyncAt, cursor: s.cursor, pendingChanges: pendingCount(store.db, store.nodeId),
    pendingBlobs: blobs.unconfirmed, mediaPending: blobs.missing,
    conflicts: conflictCount(store.db), rejected: rejectedCount(store.db),
    duplicates: listDuplicates(store.db).length,
  };
}

/** Recomputes the derived caches of the records whose logs or fields a sync changed. */
export function refoldTouched(ctx: ServiceContext, touched: ApplyReport['touched']): number {
  let n = 0;
  const each = (ids: Set<string>, fn: (id: string) => void) => { for (const id of ids) { try { fn(id); n++; } catch { /* its record has not arrived yet */ } } };
  ctx.store.transaction(() => {
    each(touched.finding, (id) => refreshFinding(ctx.store, id));
    each(touched.complaint, (id) => refreshComplaint(ctx, id));
    each(touched.case, (id) => refreshCase(ctx, id));
  });
  return n;
}

/** A sync with the hub followed by the refold of what it touched (the UI, the CLI and the tests use this). */
export async function syncNow(ctx: ServiceContext, opts: SyncOptions = {}): Promise<SyncReportOut & { raw: SyncReport }> {
  const r = await syncWithHub(ctx.store, opts);
  const refolded = refoldTouched(ctx, r.touched);
  // Accounts disabled, re-roled or given a new password at the hub take effect now (issue 18).
  try { await refreshHubAccounts(ctx.store); dropStaleSlots(ctx.store); } catch (e) { console.warn('[qingshui] accounts not refreshed:', (e as Error).message); }
  // The hub keeps a secret for this device that opens it for a hub account when locked (issue 18).
  try { await fetchSealSecret(ctx.store, await hubSession(ctx.store)); keepHubSlot(ctx.store); } catch (e) { console.warn('[qingshui] hub slot not kept:', (e as Error).message); }
  // The audit log goes to the hub, where it is kept chained per device (issue 18).
  let auditSent = 0;
  try { auditSent = await pushAuditLog(ctx.store); } catch (e) { console.warn('[qingshui] audit log not sent:', (e as Error).message); }
  // The hub's countersigned receipts of the records finalized here and elsewhere (issue 18).
  let receipts = 0;
  try { receipts = await fetchReceipts(ctx.store, await hubSession(ctx.store)); } catch (e) { console.warn('[qingshui] receipts not fetched:', (e as Error).message); }
  const { touched: _t, ...figures } = r;
  return { ...figures, refolded, auditSent, receipts, raw: r };
}

export const syncHandlers: Pick<Handlers, `sync.${string}` & keyof Handlers> = {
  'sync.status': (ctx) => syncStatus(ctx.store),
  // Enrolment writes no record (a laptop joining a county has nobody to sign in as until its first sync).
  'sync.enroll': async (ctx, { hubUrl, user, password, fingerprint, insecure }) => {
    const enrolment = await enroll(ctx.store, hubUrl, user, password, { fingerprint: fingerprint || undefined, insecure });
    audit(ctx, 'device_enrolled', { entity: 'hub', entityId: hubUrl, detail: { hubUser: user, state: enrolment.state } });
    return { ...syncStatus(ctx.store), enrolment };
  },
  'sync.run': async (ctx, { jobId }) => {
    const job = ctx.jobs?.start(jobId, '同步');
    const PHASES: Record<string, string> = { connect: '连接同步中心', push: '上传变更', upload: '上传照片等文件', snapshot: '接收首次同步快照', pull: '接收变更', download: '接收照片等文件', done: '完成' };
    const { raw: _raw, ...out } = await syncNow(ctx, { onProgress: (p) => job?.progress(p.done, p.total ?? p.done + 1, PHASES[p.phase]) });
    return out;
  },
  'sync.conflicts': (ctx) => listConflicts(ctx.store.db).map((c) => ({
    ...c, entityName: entityName(c.entity), values: c.values.map((v) => ({ ...v, value: fieldAsSeen(ctx, c.field, v.value) })),
  })),
  'sync.resolve': (ctx, { entity, entityId, field, hlc }) => {
    resolveConflict(ctx.store, entity, entityId, field, hlc, authorOf(ctx));
    return { remaining: listConflicts(ctx.store.db).length };
  },
  'sync.duplicates': (ctx) => listDuplicates(ctx.store.db),
  'sync.rejected': (ctx) => listRejected(ctx.store.db, 500).map((r) => ({ ...r, entityName: entityName(r.entity) })),
  'sync.quarantine': async (ctx) => (await (await hubSession(ctx.store)).request<{ items: QuarantineItem[] }>('GET', '/v1/quarantine')).items,
  'sync.releaseQuarantined': async (ctx, { cid }) => (await hubSession(ctx.store)).request<{ released: string[] }>('POST', '/v1/quarantine/release', { cid }),
  'sync.devices': async (ctx) => (await (await hubSession(ctx.store)).request<{ devices: HubDevice[] }>('GET', '/v1/devices')).devices,
  'sync.setDeviceState': async (ctx, { id, state }) => {
    const device = await (await hubSession(ctx.store)).request<HubDevice>('POST', `/v1/devices/${encodeURIComponent(id)}/${state === 'approved' ? 'approve' : 'revoke'}`, {});
    audit(ctx, 'device_state', { entity: 'device', entityId: id, detail: { state } });
    return device;
  },
  'sync.users': async (ctx) => (await (await hubSession(ctx.store)).request<{ users: HubUser[] }>('GET', '/v1/users')).users,
  'sync.addUser': async (ctx, user) => (await hubSession(ctx.store)).request<HubUser>('POST', '/v1/users', user),
  'sync.updateUser': async (ctx, { name, patch }) => (await hubSession(ctx.store)).request<HubUser>('POST', `/v1/users/${encodeURIComponent(name)}`, patch),
  'sync.exportBundle': (ctx) => {
    // A bundle holds every change waiting on this laptop, of every town: a town officer may carry one only
    // sealed for the hub (issue 18).
    if (townOfficer(ctx) && !readSyncState(ctx.store.db).sealSecret) {
      throw new DomainError('forbidden', '本机尚未从同步中心取得同步包加密密钥：镇街工作人员不能导出未加密的同步包，请先联网同步一次');
    }
    const out = newExportPath(ctx.store.file, '同步包').replace(/\.xlsx$/, '.qsync');
    const r = exportDeviceBundle(ctx.store, out);
    audit(ctx, 'export', { entity: 'bundle', detail: { file: exportInfo(out).name, changes: r.changes, blobs: r.blobs } });
    return { file: exportInfo(out), changes: r.changes, blobs: r.blobs, bytes: r.bytes, summary: r.summary };
  },
  'sync.importBundle': (ctx, { base64, staged }) => {
    // The bundle is read from the workspace's uploads: a host put it there (the CLI's copy of the
    // file the user named), or the page's bytes are put there for this call — never a path from a page.
    let file: string | null;
    let own = false;
    if (staged) {
      file = stagedUpload(ctx.store.file, staged);
      if (!file) throw new DomainError('not_found', '找不到要导入的同步包，请重新选择文件');
    } else {
      if (!base64) throw new DomainError('invalid', '请选择同步包文件');
      file = newStagedUpload(ctx.store.file, '.qsync').path;
      writeFileSync(file, Buffer.from(base64, 'base64'), { mode: 0o600 });
      own = true;
    }
    try {
      const r = importDeviceBundle(ctx.store, file);
      refoldTouched(ctx, r.report.touched);
      const { report: _report, ...figures } = r;
      return figures;
    } finally {
      if (own) rmSync(file, { force: true });
    }
  },
};
