import type { Queryable } from './hub-db';

/*
 * File bytes kept in the hub's database (issue 21, the `database` blob store): chunks as they arrive in
 * `blob_parts`, a whole file as its chunks in `blob_data` — so any number of hub processes on one
 * PostgreSQL serve every file with no shared disk, and pg_dump backs the files up with the records.
 */

export function putPart(q: Queryable, hash: string, index: number, chunkHash: string, bytes: Buffer, at: string): Promise<void> {
  return q.run(`INSERT INTO blob_parts (sha256, idx, chunk_sha, data, at) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (sha256, idx) DO UPDATE SET chunk_sha = excluded.chunk_sha, data = excluded.data, at = excluded.at`, [hash, index, chunkHash, bytes, at]);
}

export async function partHashes(q: Queryable, hash: string): Promise<{ idx: number; chunk_sha: string }[]> {
  return q.all<{ idx: number; chunk_sha: string }>('SELECT idx, chunk_sha FROM blob_parts WHERE sha256 = $1 ORDER BY idx', [hash]);
}

export async function readPart(q: Queryable, hash: string, index: number): Promise<Buffer | null> {
  return (await q.one<{ data: Buffer }>('SELECT data FROM blob_parts WHERE sha256 = $1 AND idx = $2', [hash, index]))?.data ?? null;
}

export function dropParts(q: Queryable, hash: string): Promise<void> {
  return q.run('DELETE FROM blob_parts WHERE sha256 = $1', [hash]);
}

/** Files whose newest chunk arrived before `before` (an upload left unfinished). */
export async function staleParts(q: Queryable, before: string): Promise<string[]> {
  return (await q.all<{ sha256: string }>('SELECT sha256 FROM blob_parts GROUP BY sha256 HAVING max(at) < $1 LIMIT 10000', [before])).map((r) => r.sha256);
}

/**
 * Copies one checked chunk into the whole file — only while it still holds the bytes that were checked
 * (its hash as listed; a chunk's hash is verified against its bytes when it arrives). False otherwise.
 */
export async function partToWhole(q: Queryable, hash: string, index: number, chunkHash: string): Promise<boolean> {
  const row = await q.one(`INSERT INTO blob_data (sha256, idx, data) SELECT sha256, idx, data FROM blob_parts
    WHERE sha256 = $1 AND idx = $2 AND chunk_sha = $3 RETURNING idx`, [hash, index, chunkHash]);
  return row !== undefined;
}

export function putWholeChunk(q: Queryable, hash: string, index: number, bytes: Buffer): Promise<void> {
  return q.run('INSERT INTO blob_data (sha256, idx, data) VALUES ($1, $2, $3) ON CONFLICT (sha256, idx) DO NOTHING', [hash, index, bytes]);
}

export async function hasWhole(q: Queryable, hash: string): Promise<boolean> {
  return !!(await q.one('SELECT 1 FROM blob_data WHERE sha256 = $1 AND idx = 0', [hash]));
}

export async function wholeChunk(q: Queryable, hash: string, index: number): Promise<Buffer | null> {
  return (await q.one<{ data: Buffer }>('SELECT data FROM blob_data WHERE sha256 = $1 AND idx = $2', [hash, index]))?.data ?? null;
}

export function deleteWhole(q: Queryable, hash: string): Promise<void> {
  return q.run('DELETE FROM blob_data WHERE sha256 = $1', [hash]);
}
