import { createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DomainError } from '../../../shared/api/result';
import { BUNDLE_FORMAT, HISTORIES_FILE, REFERENCES_FILE, toDeviceChangesSchema, toDeviceManifestSchema, type BundleFile, type ToHubManifest } from '../../../shared/sync/bundle';
import { checkBundleFiles, packBundle, unpackBundle } from '../../../shared/sync/bundle-zip';
import { envelopeAad, openEnvelope, sealEnvelope } from '../../../shared/sync/bundle-envelope';
import { decryptFile, encryptFile, subkey } from '../../store/cipher';
import { putBlob, readBlob, sha256Of as sha256 } from '../../store/blob-store';
import { confirmBlob, unconfirmedBlobs } from '../../store/blob-sync';
import { lastNseq, markSentUpTo, pendingPage } from '../../store/change-log';
import type { Store } from '../../store/store';
import { missingDone, missingRecords } from '../../store/sync-missing';
import { noteHeldAside, settleReleased } from '../../store/sync-rejects';
import { readSyncState, writeSyncState } from '../../store/sync-state';
import { applyRemoteChanges, type ApplyReport } from './apply';
import { applyFetched } from './missing-records';
import { snapshotRecordSchema } from '../../../shared/sync/protocol';
import { z } from 'zod';
import type { Faults } from './blob-transfer';
import { signWith } from './device-key';
import { narrowed } from './area';
import { followEpoch, heldByHub } from './epoch';
import { auditSentSeq } from '../../store/audit-log';

function enrolledState(store: Store) {
  const s = readSyncState(store.db);
  if (!s.hubId || !s.deviceId || !s.privateKey || !s.hubKey) throw new DomainError('invalid', '本机尚未登记到同步中心，不能制作或导入同步包（登记需联网一次）');
  return s as typeof s & { hubId: string; deviceId: string; privateKey: string; hubKey: string };
}

/** The bundle sealed with this device's bundle key (issue 18); plain while the hub has not given its secret. */
function sealedForHub(s: ReturnType<typeof enrolledState>, zip: Uint8Array): Uint8Array {
  if (!s.sealSecret) return zip;
  const h = { hubId: s.hubId, deviceId: s.deviceId };
  return sealEnvelope(h, encryptFile(subkey(Buffer.from(s.sealSecret, 'base64'), 'bundle'), zip, envelopeAad(h)));
}

/** A hub's bundle as a zip: opened with this device's bundle key when sealed. */
function openedFromHub(s: ReturnType<typeof enrolledState>, bytes: Buffer): Uint8Array {
  const env = openEnvelope(bytes);
  if (env === null) return bytes;
  if (typeof env === 'string') throw new DomainError('invalid', env);
  if (env.header.hubId !== s.hubId || env.header.deviceId !== s.deviceId) throw new DomainError('invalid', `同步包是发给另一台设备（${env.header.deviceId}）的，不是本机（${s.deviceId}）`);
  const zip = s.sealSecret ? decryptFile(subkey(Buffer.from(s.sealSecret, 'base64'), 'bundle'), Buffer.from(env.body), envelopeAad(env.header)) : null;
  if (!zip) throw new DomainError('invalid', '加密同步包无法用本机的密钥解开（被改动，或不是发给本机的），已拒收');
  return zip;
}

/** The most file bytes one USB bundle carries (it is built and sealed in memory). */
export const MAX_BUNDLE_FILES_BYTES = 512 * 1024 * 1024;

export type BundleExport = { file: string; changes: number; blobs: number; bytes: number; summary: string };

/**
 * Writes this laptop's bundle for the hub (DESIGN §8): every change the hub has not acknowledged,
 * the blobs it has not confirmed, and this laptop's cursor (its acknowledgement of the hub's
 * changes), listed with sizes and hashes in a manifest signed by the device key.
 */
export function exportDeviceBundle(store: Store, out: string): BundleExport {
  const folder = dirname(resolve(out));
  if (!existsSync(folder)) throw new DomainError('not_found', `保存同步包的文件夹“${folder}”不存在：请先建好它，或换一个位置（如 U 盘的根目录）`);
  const s = enrolledState(store);
  const changes = [];
  for (let after = 0; ;) {
    const page = pendingPage(store.db, store.nodeId, after);
    if (page.length === 0) break;
    changes.push(...page);
    after = page[page.length - 1].nseq;
  }
  const files = new Map<string, Uint8Array>([['changes.json', new TextEncoder().encode(JSON.stringify(changes))]]);
  const listed: BundleFile[] = [];
  // A bundle is made in memory (and sealed whole): a file past its share — a long recording — waits for a
  // network sync, which moves it chunk by chunk; the summary says how many wait (issue 19).
  let left = MAX_BUNDLE_FILES_BYTES;
  let waiting = 0;
  for (const b of unconfirmedBlobs(store.db)) {
    if (b.size > left) { waiting++; continue; }
    left -= b.size;
    const blob = readBlob(store.db, store.blobDir, b.sha256);
    if (!blob) continue;
    files.set(`blobs/${b.sha256}`, blob.bytes);
    listed.push({ name: `blobs/${b.sha256}`, size: blob.bytes.length, sha256: b.sha256, mime: blob.mime });
  }
  const cj = files.get('changes.json')!;
  const manifest: ToHubManifest = {
    format: BUNDLE_FORMAT, version: 1, direction: 'to-hub', hubId: s.hubId, deviceId: s.deviceId, node: store.nodeId, createdAt: new Date().toISOString(),
    lastNseq: lastNseq(store.db, store.nodeId), cursor: s.cursor,
    missing: missingRecords(store.db, 5000), epoch: s.hubEpoch,
    files: [{ name: 'changes.json', size: cj.length, sha256: sha256(cj) }, ...listed],
  };
  const bytes = new TextEncoder().encode(JSON.stringify(manifest));
  const zip = sealedForHub(s, packBundle(bytes, signWith(s.privateKey, bytes), files));
  writeFileSync(`${out}.tmp`, zip);
  renameSync(`${out}.tmp`, out);
  return { file: out, changes: changes.length, blobs: listed.length, bytes: zip.length, summary: `已导出同步包 ${out}：本机未确认的变更 ${changes.length} 条，照片等文件 ${listed.length} 个${waiting ? `；另有 ${waiting} 个大文件（录音录像）超出同步包容量，须经网络同步` : ''}` };
}

export type BundleImport = { applied: number; duplicates: number; acknowledged: number; quarantined: number; blobs: number; cursor: number; report: ApplyReport; summary: string };

/**
 * Imports the hub's return bundle: checks the hub's signature, that it is for this laptop, and every
 * file's hash before applying anything; refuses one that starts after what this laptop holds (an
 * earlier bundle is missing); then applies the changes with the cursor, stores the blobs and marks
 * this laptop's changes the hub acknowledged as sent. Importing it again changes nothing.
 */
export function importDeviceBundle(store: Store, file: string, faults?: Faults): BundleImport {
  const s = enrolledState(store);
  const parts = unpackBundle(openedFromHub(s, readFileSync(file)));
  if (typeof parts === 'string') throw new DomainError('invalid', parts);
  const key = createPublicKey({ key: Buffer.from(s.hubKey, 'base64'), format: 'der', type: 'spki' });
  if (!verify(null, Buffer.from(parts.manifest), key, Buffer.from(parts.signature, 'base64'))) {
    throw new DomainError('invalid', '同步包的签名不是本机登记的同步中心所签（被改动、伪造或来自另一中心），已拒收');
  }
  const parsed = toDeviceManifestSchema.safeParse(JSON.parse(new TextDecoder().decode(parts.manifest)));
  if (!parsed.success) throw new DomainError('invalid', '同步包清单格式不对（不是同步中心发给本机的同步包）');
  const m = parsed.data;
  if (m.hubId !== s.hubId || m.deviceId !== s.deviceId) throw new DomainError('invalid', `同步包是发给另一台设备（${m.deviceId}）的，不是本机（${s.deviceId}）`);
  const files = parts.files(m.files);
  if (typeof files === 'string') throw new DomainError('invalid', files);
  const broken = checkBundleFiles(m.files, files, sha256);
  if (broken) throw new DomainError('invalid', broken);
  // A hub restored from a backup since this laptop last heard from it: picked up from its restore point first.
  if (followEpoch(store, m.epoch, 'bundle')) { heldByHub(store, m.ackNseq, auditSentSeq(store.db)); Object.assign(s, readSyncState(store.db)); }
  if (m.from > s.cursor) throw new DomainError('conflict', `同步包从中心第 ${m.from + 1} 号变更开始，本机只收到第 ${s.cursor} 号：请先导入更早的同步包（或联网同步）`);
  const changes = toDeviceChangesSchema.parse(JSON.parse(new TextDecoder().decode(files.get('changes.json')!)));
  const historiesFile = files.get(HISTORIES_FILE);
  const histories = historiesFile ? toDeviceChangesSchema.parse(JSON.parse(new TextDecoder().decode(historiesFile))) : [];
  const referencesFile = files.get(REFERENCES_FILE);
  const references = referencesFile ? z.array(snapshotRecordSchema).parse(JSON.parse(new TextDecoder().decode(referencesFile))) : [];
  let report!: ApplyReport;
  let acknowledged = 0;
  let whole = 0;
  store.transaction(() => {
    for (const f of m.files.filter((x) => x.name.startsWith('blobs/'))) {
      const hash = f.name.slice(6);
      putBlob(store.db, store.blobDir, files.get(f.name)!, `同步包中的文件 ${hash.slice(0, 12)}…`);
      confirmBlob(store.db, hash);
    }
    faults?.at('mid-bundle-import');
    report = applyRemoteChanges(store, changes.map((c) => ({ ...c, raw: false })), m);
    // Whole histories the hub sends besides (of records that entered this laptop's towns, or it asked for),
    // after the changes that waited for them: applied as any changes are, what is held here skipped.
    if (histories.length || references.length || m.asked?.length) {
      // A reference this laptop lacks is taken as it stands; what a history names that is still missing is asked for in the next bundle.
      const asked = new Set([...histories, ...references.map((r) => ({ entity: r.entity, entityId: r.entityId }))].map((c) => `${c.entity}\u0000${c.entityId}`));
      // Done before they are applied (one set aside again, naming a record still missing, is asked for again) —
      // and what the last bundle asked for that did not come: the hub does not give it to this device.
      const came = asked.size;
      for (const k of m.asked ?? []) asked.add(`${k.entity}\u0000${k.id}`);
      for (const k of asked) { const [entity, id] = k.split('\u0000'); missingDone(store.db, entity, id); }
      const r = applyFetched(store, histories, references, asked).report;
      report.applied += r.applied;
      report.conflictsNoticed += r.conflictsNoticed;
      report.rejected.push(...r.rejected);
      for (const k of ['finding', 'complaint', 'case'] as const) for (const id of r.touched[k]) report.touched[k].add(id);
      whole = came;
    }
    acknowledged = markSentUpTo(store.db, store.nodeId, m.ackNseq);
    for (const q of m.quarantined) noteHeldAside(store.db, store.nodeId, Number(q.cid.split(':')[1]), `同步中心隔离：${q.reason}`, new Date().toISOString());
    // The bundle lists all this laptop's changes the hub still holds aside: one acknowledged but no longer listed was released by an admin.
    settleReleased(store.db, store.nodeId, m.ackNseq, m.quarantined.map((q) => q.cid));
    // A first bundle (from the hub's first change) stands for the first snapshot; a snapshot owed for towns added since is still owed.
    if (m.cursor > s.cursor) writeSyncState(store.db, { cursor: m.cursor, ...(s.cursor === 0 ? { snapshotDone: true } : {}), area: narrowed(s.area, m.towns) });
    writeSyncState(store.db, { lastSyncAt: new Date().toISOString() });
  });
  const blobs = m.files.filter((f) => f.name.startsWith('blobs/')).length;
  return {
    applied: report.applied, duplicates: report.duplicates, acknowledged, quarantined: m.quarantined.length, blobs, cursor: Math.max(m.cursor, s.cursor), report,
    summary: `已导入同步包：新变更 ${report.applied} 条，重复 ${report.duplicates} 条，本机变更经中心确认 ${acknowledged} 条，文件 ${blobs} 个${whole ? `，补全记录 ${whole} 条` : ''}${m.quarantined.length ? `，被中心隔离 ${m.quarantined.length} 条` : ''}`,
  };
}
