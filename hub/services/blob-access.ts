import { blobRefs } from '../../shared/sync/blob-refs';
import { blobNamedByVisibleRecord, insertBlobRef } from '../db/blobs';
import { changesOfKindsAfter } from '../db/changes';
import type { HubDb, Queryable } from '../db/hub-db';
import { addMeta, metaValue } from '../db/meta';
import type { Author } from './accounts';

/** The kinds of record that can name a blob (`blobRefs`). */
const KINDS = ['inspection_photo', 'inspection_recording', 'inspection_signature', 'record_event'];

/** Remembers which record names which blobs, so a blob is served only to those who may see such a record. */
export async function noteBlobRefs(q: Queryable, entity: string, id: string, fields: Record<string, unknown>): Promise<void> {
  for (const hash of blobRefs(entity, fields)) await insertBlobRef(q, hash, entity, id);
}

/**
 * Whether this reader may fetch a blob's bytes: anyone but a town officer; a town officer when some
 * record they may see (one of their towns, or of no town) names it — a photo of an inspection in
 * another town is not theirs to download, even knowing its hash.
 */
export async function mayReadBlob(q: Queryable, who: Pick<Author, 'role' | 'towns'>, hash: string): Promise<boolean> {
  if (who.role !== 'town') return true;
  return blobNamedByVisibleRecord(q, who, hash);
}

/** Fills `blob_refs` from the log of a hub that kept changes before it had the table (once; page by page). */
export async function fillBlobRefs(db: HubDb): Promise<void> {
  if (await metaValue(db, 'blob_refs') !== undefined) return;
  let after = 0;
  for (;;) {
    const rows = await changesOfKindsAfter(db, KINDS, after);
    if (!rows.length) break;
    await db.tx(async (q) => { for (const r of rows) await noteBlobRefs(q, r.entity, r.entity_id, JSON.parse(r.fields)); });
    after = rows[rows.length - 1].hub_seq;
  }
  await addMeta(db, 'blob_refs', '1');
}
