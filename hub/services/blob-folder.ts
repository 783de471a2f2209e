import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CHUNK_BYTES } from '../../shared/sync/protocol';
import { missingChunk, type BlobBytes } from './blob-store';

/** Files in the hub's folder: `blobs/<2>/<sha256>` whole, `blobs/partial/<sha256>/<i>.part|.sha` while they arrive. */
export class FolderBlobs implements BlobBytes {
  readonly kind = 'folder' as const;
  constructor(private readonly dir: string) {}

  path(hash: string): string { return join(this.dir, 'blobs', hash.slice(0, 2), hash); }
  private partDir(hash: string): string { return join(this.dir, 'blobs', 'partial', hash); }

  async putPart(hash: string, index: number, bytes: Buffer, chunkHash: string): Promise<void> {
    const dir = this.partDir(hash);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${index}.part`), bytes);
    writeFileSync(join(dir, `${index}.sha`), chunkHash);
  }

  async partHashes(hash: string): Promise<(string | null)[] | null> {
    const dir = this.partDir(hash);
    if (!existsSync(dir)) return null;
    const have: (string | null)[] = [];
    for (const name of readdirSync(dir)) {
      const m = name.match(/^(\d+)\.sha$/);
      if (m) have[Number(m[1])] = readFileSync(join(dir, name), 'utf8');
    }
    for (let i = 0; i < have.length; i++) have[i] ??= null;
    return have;
  }

  async dropParts(hash: string): Promise<void> { rmSync(this.partDir(hash), { recursive: true, force: true }); }

  async staleParts(before: number): Promise<string[]> {
    const root = join(this.dir, 'blobs', 'partial');
    if (!existsSync(root)) return [];
    return readdirSync(root).filter((hash) => statSync(join(root, hash)).mtimeMs < before);
  }

  async join(hash: string, chunks: string[], inspect: (index: number, part: Buffer) => void, accept: () => boolean): Promise<boolean> {
    const count = chunks.length;
    const dir = this.partDir(hash);
    for (let i = 0; i < count; i++) if (!existsSync(join(dir, `${i}.part`))) throw missingChunk(i);
    // Joined chunk by chunk into a file as each is inspected (a recording is gigabytes): one chunk in memory at a time.
    const path = this.path(hash);
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.join`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      for (let i = 0; i < count; i++) {
        const part = readFileSync(join(dir, `${i}.part`));
        inspect(i, part);
        writeSync(fd, part);
      }
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw e;
    }
    closeSync(fd);
    if (!accept()) { rmSync(tmp, { force: true }); return false; }
    if (existsSync(path)) rmSync(tmp, { force: true });
    else renameSync(tmp, path);
    return true;
  }

  async keepWhole(hash: string, bytes: Buffer): Promise<void> {
    const path = this.path(hash);
    if (existsSync(path)) return;
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try { writeSync(fd, bytes); fsyncSync(fd); } finally { closeSync(fd); }
    renameSync(tmp, path);
  }

  async hasWhole(hash: string): Promise<boolean> { return existsSync(this.path(hash)); }

  async chunk(hash: string, index: number): Promise<Buffer | null> {
    const path = this.path(hash);
    if (!existsSync(path)) return null;
    // Only this chunk is read from the file.
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      const start = Math.min(size, index * CHUNK_BYTES);
      const bytes = Buffer.alloc(Math.min(CHUNK_BYTES, size - start));
      let got = 0;
      while (got < bytes.length) { const n = readSync(fd, bytes, got, bytes.length - got, start + got); if (!n) break; got += n; }
      return bytes.subarray(0, got);
    } finally {
      closeSync(fd);
    }
  }

  async whole(hash: string, _chunks: number): Promise<Buffer | null> {
    const path = this.path(hash);
    return existsSync(path) ? readFileSync(path) : null;
  }

  async deleteWhole(hash: string): Promise<void> { rmSync(this.path(hash), { force: true }); }
}
