import type { Queryable } from './hub-db';

/** The hub's countersigned receipts of finalized records (issue 18), made at the first asking. */

export type StoredReceipt = { inspectionId: string; sha256: string; hubSeq: number; receivedAt: string; signature: string };

type Row = { inspection_id: string; sha256: string; hub_seq: number; received_at: string; signature: string };

export async function storedReceipt(q: Queryable, inspectionId: string): Promise<StoredReceipt | undefined> {
  const r = await q.one<Row>('SELECT * FROM record_receipts WHERE inspection_id = $1', [inspectionId]);
  return r && { inspectionId: r.inspection_id, sha256: r.sha256, hubSeq: Number(r.hub_seq), receivedAt: r.received_at, signature: r.signature };
}

export function insertReceipt(q: Queryable, r: StoredReceipt): Promise<void> {
  return q.run('INSERT INTO record_receipts (inspection_id, sha256, hub_seq, received_at, signature) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (inspection_id) DO NOTHING',
    [r.inspectionId, r.sha256, r.hubSeq, r.receivedAt, r.signature]);
}

/** The change that brought a record's signed text to the hub: its sequence, time and hash (the first one). */
export async function signedTextArrival(q: Queryable, inspectionId: string): Promise<{ hubSeq: number; receivedAt: string; sha256: string } | undefined> {
  const rows = await q.all<{ hub_seq: number; received_at: string; fields: string }>(
    "SELECT hub_seq, received_at, fields FROM changes WHERE entity = 'inspection_record' AND entity_id = $1 ORDER BY hub_seq", [inspectionId]);
  for (const r of rows) {
    const sha256 = (JSON.parse(r.fields) as { sha256?: unknown }).sha256;
    if (typeof sha256 === 'string') return { hubSeq: Number(r.hub_seq), receivedAt: r.received_at, sha256 };
  }
  return undefined;
}
