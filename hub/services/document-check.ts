import { createPublicKey, verify } from 'node:crypto';
import type { Change } from '../../shared/sync/change';
import { documentSigningText, IssuedDocument } from '../../shared/enforcement/document';
import { isCanonicalJson } from '../../shared/inspection/document';
import { sha256 } from './hash';

/** The issued document a change carries: a case's `document` event. */
export function issuedOf(c: Change): Record<string, unknown> | null {
  const f = c.fields;
  if (c.entity !== 'record_event' || f.stream !== 'case' || f.kind !== 'document') return null;
  return typeof f.data === 'object' && f.data !== null && !Array.isArray(f.data) ? f.data as Record<string, unknown> : {};
}

/**
 * Why the hub refuses a pushed enforcement document (issue 19), or null: its text must be canonical
 * JSON hashing to the hash it carries, name its case and place in the case file, and carry its
 * device's Ed25519 signature over `qingshui-document-v1|…` — an altered or forged document never enters.
 */
export function documentProblem(c: Change): string | null {
  const data = issuedOf(c);
  if (!data) return null;
  const parsed = IssuedDocument.safeParse(data);
  if (!parsed.success) return '执法文书的数据不完整（须有文本、哈希、案卷位置和设备签名），已拒收';
  const d = parsed.data;
  if (!isCanonicalJson(d.canonical)) return '执法文书的签署文本不是规范 JSON（RFC 8785），已拒收';
  if (sha256(Buffer.from(d.canonical)) !== d.sha256) return '执法文书的内容与其 SHA-256 不符（文书已被改动），已拒收';
  const doc = JSON.parse(d.canonical) as { caseId?: unknown; kind?: unknown; number?: unknown; issuedBy?: unknown; chain?: { seq?: unknown; prev?: unknown } };
  if (doc.caseId !== c.fields.streamId || doc.kind !== d.kind || doc.number !== d.number || doc.issuedBy !== d.signer || doc.chain?.seq !== d.seq || doc.chain?.prev !== d.prev) {
    return '执法文书的文本与其所在案卷或位置不符，已拒收';
  }
  try {
    const key = createPublicKey({ key: Buffer.from(d.signerKey, 'base64'), format: 'der', type: 'spki' });
    const text = documentSigningText({ sha256: d.sha256, signer: d.signer, caseId: String(c.fields.streamId), seq: d.seq });
    if (verify(null, Buffer.from(text), key, Buffer.from(d.signature, 'base64'))) return null;
  } catch { /* not a key */ }
  return '执法文书的设备签名与其内容不符（文书被改动后重算了哈希，或签名伪造），已拒收';
}

/**
 * The document a case event acts on (a penalty 决定 by its 决定书, a 送达 of a document), when it names
 * one: the hub must hold it in the same case — a decision whose document was refused is refused too.
 */
export function referencedDocument(c: Change): string | null {
  const f = c.fields;
  if (c.entity !== 'record_event' || f.stream !== 'case' || typeof f.data !== 'object' || f.data === null) return null;
  const data = f.data as Record<string, unknown>;
  if (f.kind === 'served' || (f.kind === 'decided' && data.kind === 'penalty')) return typeof data.documentId === 'string' ? data.documentId : '';
  return null;
}
