import type { Queryable } from './hub-db';

/** The chunks of unfinished uploads, by device (`blob_uploads`): what counts against a device's quota. */

/** The bytes a device holds in unfinished uploads, leaving out one chunk (the one about to be stored again). */
export async function pendingUploadBytes(q: Queryable, deviceId: string, hash: string, chunk: number): Promise<number> {
  return Number((await q.one<{ n: number | null }>('SELECT sum(bytes) AS n FROM blob_uploads WHERE device_id = $1 AND NOT (sha256 = $2 AND chunk = $3)', [deviceId, hash, chunk]))?.n ?? 0);
}

/** Notes a chunk a device uploaded (again: its size and time replace the earlier ones). */
export function noteUpload(q: Queryable, deviceId: string, hash: string, chunk: number, bytes: number, at: string): Promise<void> {
  return q.run(`INSERT INTO blob_uploads (device_id, sha256, chunk, bytes, at) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (device_id, sha256, chunk) DO UPDATE SET bytes = excluded.bytes, at = excluded.at`, [deviceId, hash, chunk, bytes, at]);
}

/** Forgets every chunk of one file's uploads. */
export function forgetUploadsOf(q: Queryable, hash: string): Promise<void> {
  return q.run('DELETE FROM blob_uploads WHERE sha256 = $1', [hash]);
}

/** Forgets chunks uploaded before a time. */
export function forgetUploadsBefore(q: Queryable, before: string): Promise<void> {
  return q.run('DELETE FROM blob_uploads WHERE at < $1', [before]);
}
