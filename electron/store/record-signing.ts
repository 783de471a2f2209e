import type { Database } from 'better-sqlite3';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { receiptText, recordSigningText, type RecordReceipt, type RecordSignature } from '../../shared/inspection/record-signature';
import { documentSigningText, type DocumentSignature } from '../../shared/enforcement/document';
import { prepared } from './statements';
import { readSyncState } from './sync-state';

/*
 * The keys and signatures of signed records (issue 18). A record is signed with this device's key:
 * the key it is enrolled at the hub with, or — a laptop never enrolled — a key of its own made at its
 * first 定稿. Either lives only inside the (encrypted) workspace database.
 */

export type DeviceSigner = { privateKey: string; publicKey: string };

/**
 * This device's signing key: its own, made at its first 定稿 or enrolment, and the key it enrolls with
 * (so the hub knows it); an enrolment before this key existed signed with its enrolment key.
 */
export function deviceSigner(db: Database): DeviceSigner {
  const s = readSyncState(db);
  const own = prepared(db, "SELECT value FROM meta WHERE key = 'recordKey'").pluck().get() as string | undefined;
  if (own) return { privateKey: own, publicKey: publicKeyOf(own) };
  if (s.privateKey) return { privateKey: s.privateKey, publicKey: publicKeyOf(s.privateKey) };
  const pair = generateKeyPairSync('ed25519');
  const privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  prepared(db, "INSERT INTO meta(key, value) VALUES ('recordKey', ?)").run(privateKey);
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

function publicKeyOf(privateKey: string): string {
  return createPublicKey(createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' })).export({ type: 'spki', format: 'der' }).toString('base64');
}

/** This device's public signing key, if it has one yet (read only: nothing is made). */
export function ownSigningKey(db: Database): string | null {
  const own = (prepared(db, "SELECT value FROM meta WHERE key = 'recordKey'").pluck().get() as string | undefined) ?? readSyncState(db).privateKey;
  return own ? publicKeyOf(own) : null;
}

/** The device's Ed25519 signature (base64) of a text (what the text says is the caller's: a digest, a record). */
export function signText(signer: DeviceSigner, text: string): string {
  return sign(null, Buffer.from(text), createPrivateKey({ key: Buffer.from(signer.privateKey, 'base64'), format: 'der', type: 'pkcs8' })).toString('base64');
}

/** The device's Ed25519 signature of a record's hash, naming the account. */
export function signRecord(signer: DeviceSigner, r: RecordSignature): string {
  const key = createPrivateKey({ key: Buffer.from(signer.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  return sign(null, Buffer.from(recordSigningText(r)), key).toString('base64');
}

/** Whether an Ed25519 signature (base64) over `text` verifies with a public key (SPKI DER, base64). */
export function signatureHolds(publicKey: string, text: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(text), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The device's Ed25519 signature of an enforcement document's hash, naming the account and its place in the case file. */
export function signDocument(signer: DeviceSigner, d: DocumentSignature): string {
  const key = createPrivateKey({ key: Buffer.from(signer.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  return sign(null, Buffer.from(documentSigningText(d)), key).toString('base64');
}

export function documentSignatureHolds(d: DocumentSignature & { signerKey: string; signature: string }): boolean {
  return signatureHolds(d.signerKey, documentSigningText(d), d.signature);
}

export function recordSignatureHolds(r: RecordSignature & { signerKey: string; signature: string }): boolean {
  return signatureHolds(r.signerKey, recordSigningText(r), r.signature);
}

export function receiptHolds(hubKey: string, r: RecordReceipt & { signature: string }): boolean {
  return signatureHolds(hubKey, receiptText(r), r.signature);
}

export type ReceiptRow = RecordReceipt & { signature: string };

/** The hub's receipt of a record kept here, or null (not yet synced). */
export function receiptOf(db: Database, inspectionId: string): ReceiptRow | null {
  return (prepared(db, 'SELECT inspection_id AS inspectionId, sha256, hub_id AS hubId, hub_seq AS hubSeq, received_at AS receivedAt, signature FROM record_receipts WHERE inspection_id = ?').get(inspectionId) as ReceiptRow | undefined) ?? null;
}

export function keepReceipt(db: Database, r: ReceiptRow): void {
  prepared(db, `INSERT INTO record_receipts (inspection_id, sha256, hub_id, hub_seq, received_at, signature) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (inspection_id) DO UPDATE SET sha256 = excluded.sha256, hub_id = excluded.hub_id, hub_seq = excluded.hub_seq, received_at = excluded.received_at, signature = excluded.signature`)
    .run(r.inspectionId, r.sha256, r.hubId, r.hubSeq, r.receivedAt, r.signature);
}

/** Records held here without the hub's receipt yet, in the order they were kept, after `afterRowid`. */
export function recordsWithoutReceipt(db: Database, afterRowid: number, limit: number): { rowid: number; id: string }[] {
  return prepared(db, `SELECT r.rowid, r.inspection_id AS id FROM inspection_records r LEFT JOIN record_receipts c ON c.inspection_id = r.inspection_id
    WHERE c.inspection_id IS NULL AND r.rowid > ? ORDER BY r.rowid LIMIT ?`).all(afterRowid, limit) as { rowid: number; id: string }[];
}

/** Every receipt kept here, by record (one read for a whole verify). */
export function allReceipts(db: Database): Map<string, ReceiptRow> {
  const rows = prepared(db, 'SELECT inspection_id AS inspectionId, sha256, hub_id AS hubId, hub_seq AS hubSeq, received_at AS receivedAt, signature FROM record_receipts').all() as ReceiptRow[];
  return new Map(rows.map((r) => [r.inspectionId, r]));
}
