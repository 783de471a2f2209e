import { CHUNK_BYTES } from '../../shared/sync/protocol';
import * as bytes from '../db/blob-bytes';
import type { Queryable } from '../db/hub-db';
import { missingChunk, type BlobBytes } from './blob-store';
import { HubRefusal } from './hub-error';

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

  async join(hash: string, chunks: string[], inspect: (index: number, part: Buffer) => void, accept: () => boolean): Promise<boolean> {
    for (let i = 0; i < chunks.length; i++) {
      const part = await bytes.readPart(this.q, hash, i);
      if (!part) throw missingChunk(i);
      inspect(i, Buffer.from(part));
    }
    if (!accept()) return false;
    // Only the chunks checked, each only while it still holds the bytes checked (a chunk sent again meanwhile
    // with other bytes has another hash): else nothing of the whole is kept. Until the file's row is written
    // (by the caller, after this), no reader sees these rows.
    await bytes.deleteWhole(this.q, hash);
    for (let i = 0; i < chunks.length; i++) {
      if (!(await bytes.partToWhole(this.q, hash, i, chunks[i]))) {
        await bytes.deleteWhole(this.q, hash);
        throw new HubRefusal(409, 'chunk_changed', `第 ${i + 1} 块在核对之后又被重传为别的内容：未保存，请重新完成上传`);
      }
    }
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

  async whole(hash: string, chunks: number): Promise<Buffer | null> {
    const parts: Buffer[] = [];
    for (let i = 0; i < chunks; i++) {
      const data = await bytes.wholeChunk(this.q, hash, i);
      if (!data) break;
      parts.push(Buffer.from(data));
    }
    return parts.length ? Buffer.concat(parts) : null;
  }

  deleteWhole(hash: string): Promise<void> { return bytes.deleteWhole(this.q, hash); }
}
