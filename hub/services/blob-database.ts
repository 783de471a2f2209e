import { CHUNK_BYTES } from '../../shared/sync/protocol';
import * as bytes from '../db/blob-bytes';
import type { Queryable } from '../db/hub-db';
import { missingChunk, type BlobBytes } from './blob-store';

/** Files in the hub's database (`blob_parts`, `blob_data`): every hub process on it serves every file. */
export class DatabaseBlobs implements BlobBytes {
  readonly kind = 'database' as const;
  constructor(private readonly q: Queryable) {}

  putPart(hash: string, index: number, data: Buffer, chunkHash: string): Promise<void> {
    return bytes.putPart(this.q, hash, index, chunkHash, data, new Date().toISOString());
  }

  async partHashes(hash: string): Promise<(string | null)[] | null> {
    const rows = await bytes.partHashes(this.q, hash);
    if (!rows.length) return null;
    const have: (string | null)[] = [];
    for (const r of rows) have[r.idx] = r.chunk_sha;
    for (let i = 0; i < have.length; i++) have[i] ??= null;
    return have;
  }

  dropParts(hash: string): Promise<void> { return bytes.dropParts(this.q, hash); }

  staleParts(before: number): Promise<string[]> { return bytes.staleParts(this.q, new Date(before).toISOString()); }

  async join(hash: string, count: number, inspect: (index: number, part: Buffer) => void, accept: () => boolean): Promise<boolean> {
    for (let i = 0; i < count; i++) {
      const part = await bytes.readPart(this.q, hash, i);
      if (!part) throw missingChunk(i);
      inspect(i, Buffer.from(part));
    }
    if (!accept()) return false;
    await bytes.partsToWhole(this.q, hash);
    return true;
  }

  async keepWhole(hash: string, data: Buffer): Promise<void> {
    for (let i = 0; i * CHUNK_BYTES < Math.max(1, data.length); i++) await bytes.putWholeChunk(this.q, hash, i, data.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES));
  }

  hasWhole(hash: string): Promise<boolean> { return bytes.hasWhole(this.q, hash); }

  async chunk(hash: string, index: number): Promise<Buffer | null> {
    const data = await bytes.wholeChunk(this.q, hash, index);
    return data ? Buffer.from(data) : null;
  }

  async whole(hash: string): Promise<Buffer | null> {
    const parts: Buffer[] = [];
    for (let i = 0; ; i++) {
      const data = await bytes.wholeChunk(this.q, hash, i);
      if (!data) break;
      parts.push(Buffer.from(data));
    }
    return parts.length ? Buffer.concat(parts) : null;
  }

  deleteWhole(hash: string): Promise<void> { return bytes.deleteWhole(this.q, hash); }
}
