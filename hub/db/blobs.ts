import type { Queryable } from './hub-db';
import { visibleClause, type Reader } from './visibility';

/** Whole files the hub holds (`blobs`) and which records name them (`blob_refs`). */

export type BlobRow = { size: number; mime: string; chunks: string; complete: number };

/** A file's row, if the hub has one. */
export function blobRow(q: Queryable, hash: string): Promise<BlobRow | undefined> {
  return q.one<BlobRow>('SELECT size, mime, chunks, complete FROM blobs WHERE sha256 = $1', [hash]);
}

/** Notes a whole file (its bytes already kept on disk); a second note of it changes nothing. */
export function insertBlob(q: Queryable, hash: string, size: number, mime: string, chunks: string[], createdAt: string): Promise<void> {
  return q.run('INSERT INTO blobs (sha256, size, mime, chunks, complete, created_at) VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT (sha256) DO NOTHING',
    [hash, size, mime, JSON.stringify(chunks), createdAt]);
}

/** Forgets a file (its bytes are removed from disk by the caller). */
export function deleteBlob(q: Queryable, hash: string): Promise<void> {
  return q.run('DELETE FROM blobs WHERE sha256 = $1', [hash]);
}

/**
 * Up to 10,000 files made before a time that no record names and no quarantined change mentions
 * (uploaded, then their record never came).
 */
export async function orphanBlobs(q: Queryable, before: string): Promise<string[]> {
  return (await q.all<{ sha256: string }>(`SELECT b.sha256 FROM blobs b WHERE b.created_at < $1
    AND NOT EXISTS (SELECT 1 FROM blob_refs r WHERE r.sha256 = b.sha256)
    AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.change LIKE '%' || b.sha256 || '%') LIMIT 10000`, [before])).map((r) => r.sha256);
}

/** Notes that a record names a file. */
export function insertBlobRef(q: Queryable, hash: string, entity: string, id: string): Promise<void> {
  return q.run('INSERT INTO blob_refs (sha256, entity, entity_id) VALUES ($1, $2, $3) ON CONFLICT (sha256, entity, entity_id) DO NOTHING', [hash, entity, id]);
}

/** Whether any record names the file. */
export async function blobReferenced(q: Queryable, hash: string): Promise<boolean> {
  return (await q.one('SELECT 1 AS ok FROM blob_refs WHERE sha256 = $1 LIMIT 1', [hash])) !== undefined;
}

/** Whether some record this reader may see names the file. */
export async function blobNamedByVisibleRecord(q: Queryable, who: Reader, hash: string): Promise<boolean> {
  const v = visibleClause({ role: who.role, towns: who.towns }, 2, 'r');
  const hit = await q.one(`SELECT 1 AS ok FROM blob_refs b JOIN records r ON r.entity = b.entity AND r.entity_id = b.entity_id
    WHERE b.sha256 = $1${v.sql} LIMIT 1`, [hash, ...v.params]);
  return hit !== undefined;
}
