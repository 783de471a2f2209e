import { createPrivateKey, sign } from 'node:crypto';
import { receiptText } from '../../shared/inspection/record-signature';
import type { HubDb } from '../db/hub-db';
import { insertReceipt, signedTextArrival, storedReceipt, type StoredReceipt } from '../db/receipts';
import type { HubKeys } from './keys';

/*
 * The hub's receipt of a finalized record (issue 18): its Ed25519 signature over the record's hash, the
 * hub sequence number and time at which the record's signed text arrived. A laptop cannot make one (the
 * key is the hub's), so a record altered and re-hashed on a laptop no longer matches its receipt.
 */

export type Receipt = StoredReceipt & { hubId: string };

/** The receipts of the records asked for that the hub holds (made and kept at the first asking). */
export async function receiptsFor(db: HubDb, keys: HubKeys, ids: string[]): Promise<{ hubId: string; receipts: Receipt[] }> {
  const key = createPrivateKey({ key: Buffer.from(keys.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  const out: Receipt[] = [];
  for (const inspectionId of [...new Set(ids)]) {
    let r = await storedReceipt(db, inspectionId);
    if (!r) {
      const arrival = await signedTextArrival(db, inspectionId);
      if (!arrival) continue;
      const text = receiptText({ hubId: keys.hubId, inspectionId, ...arrival });
      r = { inspectionId, ...arrival, signature: sign(null, Buffer.from(text), key).toString('base64') };
      await insertReceipt(db, r);
      r = (await storedReceipt(db, inspectionId))!; // a concurrent asking may have made it first
    }
    out.push({ ...r, hubId: keys.hubId });
  }
  return { hubId: keys.hubId, receipts: out };
}
