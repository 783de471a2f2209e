import { renameSync, writeFileSync } from 'node:fs';
import { DomainError } from '../../../shared/api/result';
import type { InspectionDocument } from '../../../shared/inspection/document';
import { blobBytes, readBlob } from '../../store/blob-store';
import { recordOf } from '../../store/inspections';
import { receiptOf } from '../../store/record-signing';
import type { Store } from '../../store/store';
import { readSyncState } from '../../store/sync-state';
import { evidenceEntries, filesNamedBy, keyFingerprint, packEvidence, type EvidenceParts } from './package-format';

/** The most file bytes one evidence package holds (built and verified in memory). */
export const MAX_PACKAGE_BYTES = 1024 ** 3;

/** The parts of one finalized record's evidence package, as this workspace holds them. */
export function evidenceParts(store: Store, inspectionId: string): EvidenceParts {
  const record = recordOf(store.db, inspectionId);
  if (!record) throw new DomainError('not_found', `未找到已定稿的检查记录“${inspectionId}”（草稿没有证据包）`);
  const doc = JSON.parse(record.canonical) as InspectionDocument;
  const files = new Map<string, Uint8Array>();
  // The package is built and checked whole in memory: past this, a long recording needs a package of its own.
  const named = filesNamedBy(doc);
  const total = blobBytes(store.db, named);
  if (total > MAX_PACKAGE_BYTES) {
    throw new DomainError('invalid', `本记录所附文件共 ${(total / 1024 ** 3).toFixed(1)} GB，超过单个证据包的上限 ${MAX_PACKAGE_BYTES / 1024 ** 3} GB：请将录音录像剪辑为与违法事实相关的片段后另行附上，或直接提交工作区备份`);
  }
  for (const sha of named) {
    const blob = readBlob(store.db, store.blobDir, sha);
    if (!blob) throw new DomainError('conflict', `记录所列文件 ${sha.slice(0, 12)}… 尚未收到（照片待同步）或已缺失，证据包须完整：请先同步`);
    files.set(sha, blob.bytes);
  }
  const sync = readSyncState(store.db);
  const receipt = receiptOf(store.db, inspectionId);
  return {
    record: record.canonical,
    signature: record.signature && record.signerKey && record.signer
      ? { account: record.signer, publicKey: record.signerKey, signature: record.signature, node: record.node, chainSeq: record.chainSeq, sha256: record.sha256 }
      : null,
    receipt: receipt && receipt.hubId === sync.hubId ? receipt : null,
    hubKey: sync.hubKey && sync.hubId ? { hubId: sync.hubId, publicKey: sync.hubKey, fingerprint: keyFingerprint(sync.hubKey) } : null,
    files,
  };
}

/** Writes the evidence package of a finalized record to `out`; returns what it holds. */
export function writeEvidencePackage(store: Store, inspectionId: string, out: string): { files: number; bytes: number; signed: boolean; countersigned: boolean } {
  const parts = evidenceParts(store, inspectionId);
  const zip = packEvidence(evidenceEntries(parts));
  writeFileSync(`${out}.tmp`, zip, { mode: 0o600 });
  renameSync(`${out}.tmp`, out);
  return { files: parts.files.size, bytes: zip.length, signed: parts.signature !== null, countersigned: parts.receipt !== null };
}
