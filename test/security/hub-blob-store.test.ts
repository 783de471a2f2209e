import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSqliteHub } from '../../hub/db/sqlite';
import { DatabaseBlobs } from '../../hub/services/blob-database';
import { FolderBlobs } from '../../hub/services/blob-folder';
import { HubBlobs } from '../../hub/services/blobs';
import { CHUNK_BYTES } from '../../shared/sync/protocol';
import { jpegBytes } from '../fixtures/evidence-bytes';
import { tempDir } from '../integration/helpers';

/*
 * Issue 21, the hub's file stores attacked: a device that sends a file's chunks and junk beside them, or
 * chunks of other sizes than the protocol's, never gets a file kept with bytes other than its name says.
 */

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(['folder', 'database'] as const)('the hub keeping files in its %s', (kind) => {
  it('keeps exactly the chunks listed: junk sent beside them is not part of the file', async () => {
    const dir = tempDir();
    const db = openSqliteHub(dir);
    try {
      const blobs = new HubBlobs(kind === 'folder' ? new FolderBlobs(dir) : new DatabaseBlobs(db), db);
      const photo = jpegBytes(Buffer.alloc(CHUNK_BYTES + 5000, 'photo-'));
      const parts = [photo.subarray(0, CHUNK_BYTES), photo.subarray(CHUNK_BYTES)];
      const hash = sha(photo);
      for (const [i, p] of parts.entries()) await blobs.putChunk(hash, i, p, sha(p));
      const junk = Buffer.alloc(1000, 'junk');
      await blobs.putChunk(hash, 7, junk, sha(junk));
      await blobs.complete(hash, photo.length, parts.map(sha));
      const kept = await blobs.whole(hash);
      expect(kept && sha(kept)).toBe(hash);
      expect((await blobs.chunk(hash, 1)).length).toBe(photo.length - CHUNK_BYTES);
      await expect(blobs.chunk(hash, 7)).rejects.toThrow(/还没有这个文件/);
    } finally {
      await db.close();
    }
  });

  it('refuses a file whose chunks are not the protocol’s size but the last (a download’s chunk i must be the upload’s)', async () => {
    const dir = tempDir();
    const db = openSqliteHub(dir);
    try {
      const blobs = new HubBlobs(kind === 'folder' ? new FolderBlobs(dir) : new DatabaseBlobs(db), db);
      const photo = jpegBytes(Buffer.alloc(3000, 'small-'));
      const parts = [photo.subarray(0, 1000), photo.subarray(1000)];
      const hash = sha(photo);
      for (const [i, p] of parts.entries()) await blobs.putChunk(hash, i, p, sha(p));
      await expect(blobs.complete(hash, photo.length, parts.map(sha))).rejects.toThrow(/第 1 块的哈希或大小与所报不符/);
      expect(await blobs.whole(hash)).toBeNull();
    } finally {
      await db.close();
    }
  });
});
