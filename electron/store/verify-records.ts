import type { Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { canonicalDocument, type InspectionDocument } from '../../shared/inspection/document';
import { createHash } from 'node:crypto';
import { blobFileReader, blobPath, readBlobFile, sha256Of } from './blob-store';
import { eachChunk, type BlobReader } from './blob-segments';
import { documentOf, type TemplateCache as Templates } from './inspection-document';
import { documentRowsOf, type DocumentRows } from './inspections';
import { prepared } from './statements';
import { allReceipts, ownSigningKey, receiptHolds, recordSignatureHolds } from './record-signing';
import { readSyncState } from './sync-state';
import { verifyDocuments } from './verify-documents';

/** Why a stored blob is not what its name says, or null when its bytes hash to its name. */
export function blobProblem(db: Database, dir: string, sha256: string): string | null {
  const row = prepared(db, 'SELECT size FROM blobs WHERE sha256 = ?').get(sha256) as { size: number } | undefined;
  const path = blobPath(dir, sha256);
  if (!row) return `文件 ${sha256.slice(0, 12)}… 未登记`;
  if (row.size < 0) return null; // media pending: its bytes have not arrived from the hub yet
  if (!existsSync(path)) return `文件 ${sha256.slice(0, 12)}… 缺失`;
  // Hashed segment by segment (a recording is gigabytes): decrypted when encrypted at rest; a tag that does not match throws.
  const altered = `文件 ${sha256.slice(0, 12)}… 已被改动（内容与其 SHA-256 不符）`;
  let reader: BlobReader | null = null;
  try {
    reader = blobFileReader(dir, sha256);
    if (!reader || reader.size !== row.size) return altered;
    const hash = createHash('sha256');
    eachChunk(reader, (bytes) => hash.update(bytes));
    return hash.digest('hex') === sha256 ? null : altered;
  } catch {
    return altered;
  } finally {
    reader?.close();
  }
}

/**
 * Whether rows rebuild the signed document. Photos and signatures are compared as sets: rows a sync
 * brought were created in another order than on the laptop that signed, and order carries no meaning.
 */
function sameDocument(rebuilt: string, stored: string): boolean {
  if (rebuilt === stored) return true;
  const norm = (text: string) => {
    const d = JSON.parse(text) as InspectionDocument;
    const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
    return JSON.stringify({ ...d, photos: sorted(d.photos), signatures: sorted(d.signatures) });
  };
  return norm(rebuilt) === norm(stored);
}

/**
 * Whether a rebuilt document holds exactly the values of the stored one — photos and signatures as
 * sets, in the order of their hashes. True only when their canonical texts would match; false may
 * still be the same document (two photos of one hash), which the canonical comparison then decides.
 */
function sameValues(built: InspectionDocument, stored: InspectionDocument): boolean {
  // A stored text without its lists is not this document's canonical text: the full comparison decides.
  if (!Array.isArray(stored.photos) || !Array.isArray(stored.signatures)) return false;
  // Hashes are hex: plain code-unit order (localeCompare costs more than the rest of the check).
  const bySha = <T extends { sha256?: string | null }>(xs: T[]) => [...xs].sort((a, b) => {
    const x = a.sha256 ?? ''; const y = b.sha256 ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return equalJson({ ...built, photos: bySha(built.photos), signatures: bySha(built.signatures) },
    { ...stored, photos: bySha(stored.photos), signatures: bySha(stored.signatures) });
}

/** Deep equality of JSON values (a key whose value is undefined counts as absent, as in JSON). */
function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => equalJson(x, bs[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let defined = 0;
  for (const k of Object.keys(ao)) {
    if (ao[k] === undefined) continue;
    defined++;
    if (!Object.prototype.hasOwnProperty.call(bo, k) || !equalJson(ao[k], bo[k])) return false;
  }
  for (const k of Object.keys(bo)) if (bo[k] !== undefined) defined--;
  return defined === 0;
}

/** Why a signed record's row, or the rows it was built from, are not what it says — or null. */
function recordRowProblem(db: Database, r: RecordRow, batch: Map<string, DocumentRows>, templates: Templates): string | null {
  const name = `检查记录 ${r.inspection_id}（${r.target_name ?? '?'}）`;
  if (sha256Of(r.canonical) !== r.sha256) return `${name}的定稿内容与其 SHA-256 不符：记录已被改动`;
  const unsigned = r.signature === null && r.signer_key === null && r.signer === null;
  if (!unsigned && !(r.signature && r.signer_key && r.signer && recordSignatureHolds({ sha256: r.sha256, signer: r.signer, node: r.node, chainSeq: r.chain_seq, signerKey: r.signer_key, signature: r.signature }))) {
    return `${name}的设备签名与其内容不符：记录被改动后重算了哈希，或签名是伪造的`;
  }
  if (r.state === 'draft' && r.row_sha256 === null) return `${name}的签署文本已收到，其定稿状态尚未同步到本机：请再同步一次`;
  if (r.row_sha256 !== r.sha256 || (r.state !== 'finalized' && r.state !== 'superseded')) return `${name}的状态或哈希被改动`;
  let doc: InspectionDocument;
  try { doc = JSON.parse(r.canonical) as InspectionDocument; } catch { return `${name}的定稿内容不是有效的 JSON：记录已被改动`; }
  try {
    const rows = batch.get(r.inspection_id);
    if (!rows) throw new Error(`inspection ${r.inspection_id} not found`);
    const built = documentOf(db, rows, { node: r.node, seq: r.chain_seq, prev: r.prev_sha256 }, doc.finalizedAt, doc.finalizedBy, templates);
    // The same values are the same document (its canonical text would be equal): no need to write it out.
    if (sameValues(built, doc)) return null;
    if (!sameDocument(canonicalDocument(built), r.canonical)) return `${name}的数据行与定稿内容不一致：答案、照片、签名或表头已被改动`;
  } catch (e) {
    return `${name}无法重建：${(e as Error).message}`;
  }
  return null;
}

const RECORD_ROWS = `SELECT r.*, i.state, i.sha256 AS row_sha256, i.target_name FROM inspection_records r
  LEFT JOIN inspections i ON i.id = r.inspection_id`;

/**
 * The finalized inspections among these (all, when null) whose rows do not rebuild their signed record,
 * with the reason: what a laptop refuses to keep when it receives them (DESIGN §11).
 * A signed text whose inspection has not arrived, or is still a draft with no hash here, is not judged
 * yet: finalizing logs the text and then the 定稿 state, and a pull page may end between the two. It
 * is checked when a change of the inspection's state or hash arrives; from then on its rows are frozen.
 */
export function alteredRecords(db: Database, ids: string[] | null): { id: string; reason: string }[] {
  const held = (ids === null
    ? db.prepare(RECORD_ROWS).all()
    : db.prepare(`${RECORD_ROWS} WHERE r.inspection_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids))) as RecordRow[];
  // Not judged only while its 定稿 (state and hash, one change) has not arrived: a draft with a hash is.
  const rows = held.filter((r) => r.state !== null && !(r.state === 'draft' && r.row_sha256 === null));
  const out: { id: string; reason: string }[] = [];
  eachBatch(db, rows, (r, batch, templates) => {
    const reason = recordRowProblem(db, r, batch, templates);
    if (reason) out.push({ id: r.inspection_id, reason });
  });
  return out;
}

/** Each record with its documents' rows, read 500 records at a time (one query per table, bounded memory). */
function eachBatch(db: Database, rows: RecordRow[], fn: (r: RecordRow, batch: Map<string, DocumentRows>, templates: Templates, n: number) => void): void {
  const templates: Templates = new Map();
  for (let i = 0; i < rows.length; i += 500) {
    const slice = rows.slice(i, i + 500);
    const batch = documentRowsOf(db, slice.map((r) => r.inspection_id));
    slice.forEach((r, k) => fn(r, batch, templates, i + k));
  }
}

export type VerifyReport = {
  records: number; blobs: number; templates: number; chains: number;
  /** Issue 18: records signed by their device at 定稿, and records with the hub's countersigned receipt. */
  signed: number; countersigned: number;
  /** Issue 19: enforcement documents checked. */
  documents: number;
  problems: { kind: 'record' | 'blob' | 'chain' | 'template'; id: string; message: string }[];
};

type RecordRow = {
  inspection_id: string; node: string; chain_seq: number; prev_sha256: string | null; canonical: string; sha256: string; state: string | null; row_sha256: string | null; target_name: string | null;
  signer: string | null; signer_key: string | null; signature: string | null;
};

/**
 * Checks every signed record (its hash, the rows it was built from, its chain link), every blob
 * (bytes against name) and every template version (definition against hash). Names what is altered.
 */
export function verifyWorkspace(db: Database, blobDir: string, onProgress?: (done: number, total: number) => void): VerifyReport {
  const report: VerifyReport = { records: 0, blobs: 0, templates: 0, chains: 0, signed: 0, countersigned: 0, documents: 0, problems: [] };
  const hub = readSyncState(db);
  // Records of this device's own chain must carry its own key: one re-signed with another is a forgery.
  const ownNode = db.prepare("SELECT value FROM meta WHERE key = 'nodeId'").pluck().get() as string | undefined;
  const ownKey = ownSigningKey(db);
  const receipts = allReceipts(db);
  const problem = (kind: VerifyReport['problems'][number]['kind'], id: string, message: string) => report.problems.push({ kind, id, message });

  for (const t of db.prepare('SELECT id, name, version, definition, sha256 FROM checklist_templates').all() as { id: string; name: string; version: number; definition: string; sha256: string }[]) {
    report.templates++;
    if (sha256Of(t.definition) !== t.sha256) problem('template', t.id, `检查表“${t.name}”第 ${t.version} 版的内容已被改动`);
  }

  const rows = db.prepare(`${RECORD_ROWS} ORDER BY r.node, r.chain_seq`).all() as RecordRow[];
  let last: { node: string; seq: number; sha: string } | null = null;
  const nodes = new Set<string>();
  eachBatch(db, rows, (r, batch, templates, n) => {
    report.records++;
    const p = recordRowProblem(db, r, batch, templates);
    if (p) problem('record', r.inspection_id, p);
    if (r.signature) report.signed++;
    if (r.signature && ownKey && r.node === ownNode && r.signer_key !== ownKey) problem('record', r.inspection_id, `检查记录 ${r.inspection_id}（${r.target_name ?? '?'}）是本机记录链上的，却不是用本机密钥签署的：记录被改动后重新签名`);
    const receipt = receipts.get(r.inspection_id);
    if (receipt && hub.hubKey && receipt.hubId === hub.hubId) {
      // The hub's receipt: what it received, signed with its key — a laptop cannot make one.
      if (!receiptHolds(hub.hubKey, receipt)) problem('record', r.inspection_id, `检查记录 ${r.inspection_id} 的同步中心回执签名无效：回执是伪造或被改动的`);
      else if (receipt.sha256 !== r.sha256) problem('record', r.inspection_id, `检查记录 ${r.inspection_id}（${r.target_name ?? '?'}）与同步中心回执的哈希不符：本机的记录在送达中心后被改动`);
      else report.countersigned++;
    }
    if (!nodes.has(r.node)) { nodes.add(r.node); report.chains++; last = null; }
    const expectedSeq: number = last ? last.seq + 1 : 1;
    if (r.chain_seq !== expectedSeq) problem('chain', r.inspection_id, `设备 ${r.node} 的记录链在第 ${expectedSeq} 条处断开（缺少或多出记录）`);
    if ((last?.sha ?? null) !== r.prev_sha256) problem('chain', r.inspection_id, `设备 ${r.node} 的记录链第 ${r.chain_seq} 条与前一条不相接：前面的记录已被改动或删除`);
    last = { node: r.node, seq: r.chain_seq, sha: r.sha256 };
    onProgress?.(n + 1, rows.length);
  });

  for (const b of db.prepare('SELECT sha256 FROM blobs WHERE size >= 0').pluck().all() as string[]) {
    report.blobs++;
    const p = blobProblem(db, blobDir, b);
    if (p) problem('blob', b, `照片或签名${p}`);
  }
  verifyDocuments(db, report);
  return report;
}
