import { blobRefs } from '../shared/sync/blob-refs';
import type { HubDb, Queryable } from './db/hub-db';
import { visibleClause } from './pull';
import type { Author } from './push';

/** The kinds of record that can name a blob (`blobRefs`). */
const KINDS = ['inspection_photo', 'inspection_signature', 'record_event'];

/** Remembers which record names which blobs, so a blob is served only to those who may see such a record. */
export async function noteBlobRefs(q: Queryable, entity: string, id: string, fields: Record<string, unknown>): Promise<void> {
  for (const hash of blobRefs(entity, fields)) {
    await q.run('INSERT INTO blob_refs (sha256, entity, entity_id) VALUES ($1, $2, $3) ON CONFLICT (sha256, entity, entity_id) DO NOTHING', [hash, entity, id]);
  }
}

/**
 * Whether this reader may fetch a blob's bytes: anyone but a town officer; a town officer when some
 * record they may see (one of their towns, or of no town) names it — a photo of an inspection in
 * another town is not theirs to download, even knowing its hash.
 */
export async function mayReadBlob(q: Queryable, who: Pick<Author, 'role' | 'towns'>, hash: string): Promise<boolean> {
  if (who.role !== 'town') return true;
  const v = visibleClause({ role: who.role, towns: who.towns }, 2);
  const hit = await q.one(`SELECT 1 AS ok FROM blob_refs b JOIN records r ON r.entity = b.entity AND r.entity_id = b.entity_id
    WHERE b.sha256 = $1${v.sql} LIMIT 1`, [hash, ...v.params]);
  return hit !== undefined;
}

/** Fills `blob_refs` from the log of a hub that kept changes before it had the table (once; page by page). */
export async function fillBlobRefs(db: HubDb): Promise<void> {
  if (await db.one("SELECT 1 AS ok FROM hub_meta WHERE key = 'blob_refs'")) return;
  const marks = KINDS.map((_, i) => `$${i + 2}`).join(', ');
  let after = 0;
  for (;;) {
    const rows = await db.all<{ hub_seq: number; entity: string; entity_id: string; fields: string }>(`SELECT hub_seq, entity, entity_id, fields FROM changes
      WHERE hub_seq > $1 AND entity IN (${marks}) ORDER BY hub_seq LIMIT 5000`, [after, ...KINDS]);
    if (!rows.length) break;
    await db.tx(async (q) => { for (const r of rows) await noteBlobRefs(q, r.entity, r.entity_id, JSON.parse(r.fields)); });
    after = rows[rows.length - 1].hub_seq;
  }
  await db.run("INSERT INTO hub_meta (key, value) VALUES ('blob_refs', '1') ON CONFLICT (key) DO NOTHING");
}
