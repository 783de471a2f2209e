import { createHash } from 'node:crypto';
import { existsSync, fstatSync, mkdirSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeFileSync, openSync, writeSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { CHUNK_BYTES, type BlobStatus } from '../../shared/sync/protocol';
import { notEvidenceMessage, sniffEvidenceType, type EvidenceType } from '../../shared/domain/file-type';
import { blobRow, insertBlob } from '../db/blobs';
import type { Queryable } from '../db/hub-db';
import { sha256 } from './hash';
import { HubRefusal } from './hub-error';

const SHA_RE = /^[0-9a-f]{64}$/;

/** The type the bytes prove (DESIGN §11), or a refusal: the hub keeps evidence types only, whatever the sender claims. */
export function evidenceTypeOf(hash: string, bytes: Uint8Array): EvidenceType {
  const type = sniffEvidenceType(bytes);
  if (!type) throw new HubRefusal(415, 'file_type', notEvidenceMessage(`文件 ${hash.slice(0, 12)}…`));
  return type;
}

/** Where the hub keeps blobs (files, on both databases): whole ones by hash, parts while they arrive. */
export class HubBlobs {
  constructor(private readonly dir: string, private readonly q: Queryable) {}

  /** Where a whole blob's bytes are kept. */
  path(hash: string): string { return join(this.dir, 'blobs', hash.slice(0, 2), hash); }
  private partDir(hash: string): string { return join(this.dir, 'blobs', 'partial', hash); }

  private check(hash: string): void {
    if (!SHA_RE.test(hash)) throw new HubRefusal(400, 'invalid', `“${hash}”不是 SHA-256`);
  }

  /** Whether the hub holds a blob whole, in part (which chunks) or not at all. */
  async status(hash: string): Promise<BlobStatus> {
    this.check(hash);
    const row = await blobRow(this.q, hash);
    if (row?.complete) return { state: 'complete', size: row.size, mime: row.mime, chunks: JSON.parse(row.chunks) };
    const dir = this.partDir(hash);
    if (!existsSync(dir)) return { state: 'absent', size: 0, mime: '', chunks: [] };
    const have: (string | null)[] = [];
    for (const name of readdirSync(dir)) {
      const m = name.match(/^(\d+)\.sha$/);
      if (m) have[Number(m[1])] = readFileSync(join(dir, name), 'utf8');
    }
    for (let i = 0; i < have.length; i++) have[i] ??= null;
    return { state: 'partial', size: 0, mime: '', chunks: have };
  }

  /** Refuses a chunk whose name, number, size or bytes are wrong. */
  private checkChunk(hash: string, index: number, bytes: Buffer, chunkHash: string): void {
    this.check(hash);
    if (!Number.isInteger(index) || index < 0 || index > 100_000) throw new HubRefusal(400, 'invalid', '分块序号不对');
    if (bytes.length > CHUNK_BYTES) throw new HubRefusal(413, 'too_large', '分块超过 4 MiB');
    if (sha256(bytes) !== chunkHash) throw new HubRefusal(422, 'chunk_hash', `第 ${index + 1} 块的内容与其哈希不符（传输中损坏），请重传`);
  }

  /**
   * Keeps one chunk if its bytes match the hash the sender gave for it and `admit` lets it in (the
   * device's quota, counted only for a chunk that is sound).
   */
  async putChunk(hash: string, index: number, bytes: Buffer, chunkHash: string, admit: () => Promise<void> = async () => undefined): Promise<void> {
    this.checkChunk(hash, index, bytes, chunkHash);
    await admit();
    const dir = this.partDir(hash);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${index}.part`), bytes);
    writeFileSync(join(dir, `${index}.sha`), chunkHash);
  }

  /** Joins the chunks; the whole must hash to the blob's name, or nothing is kept. */
  async complete(hash: string, size: number, chunks: string[]): Promise<void> {
    this.check(hash);
    const existing = await this.status(hash);
    if (existing.state === 'complete') return;
    const dir = this.partDir(hash);
    for (let i = 0; i < chunks.length; i++) {
      if (!existsSync(join(dir, `${i}.part`))) throw new HubRefusal(409, 'missing_chunk', `还缺第 ${i + 1} 块`);
    }
    // Joined chunk by chunk into a file, hashed as it goes (a recording is gigabytes): one chunk in memory at a time.
    const path = this.path(hash);
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.join`;
    const whole = createHash('sha256');
    let length = 0;
    let type: EvidenceType | null = null;
    const fd = openSync(tmp, 'w', 0o600);
    let badChunk = -1;
    try {
      for (let i = 0; i < chunks.length; i++) {
        const part = readFileSync(join(dir, `${i}.part`));
        // The list the sender gives is checked too: a blob is never kept with chunk hashes that would fail every download.
        if (sha256(part) !== chunks[i]) { badChunk = i; break; }
        if (i === 0) type = sniffEvidenceType(part);
        whole.update(part);
        length += part.length;
        writeSync(fd, part);
      }
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw e;
    }
    closeSync(fd);
    if (badChunk >= 0) {
      rmSync(tmp, { force: true });
      throw new HubRefusal(422, 'chunk_hash', `第 ${badChunk + 1} 块的哈希与所报不符，请重传`);
    }
    if (length !== size || whole.digest('hex') !== hash) {
      rmSync(dir, { recursive: true, force: true });
      rmSync(tmp, { force: true });
      throw new HubRefusal(422, 'blob_hash', `文件内容与其 SHA-256（${hash.slice(0, 12)}…）不符，已丢弃，请重传`);
    }
    if (!type) {
      rmSync(dir, { recursive: true, force: true });
      rmSync(tmp, { force: true });
      throw new HubRefusal(415, 'file_type', notEvidenceMessage(`文件 ${hash.slice(0, 12)}…`));
    }
    if (existsSync(path)) rmSync(tmp, { force: true });
    else renameSync(tmp, path);
    await insertBlob(this.q, hash, size, type, chunks, new Date().toISOString());
    rmSync(dir, { recursive: true, force: true });
  }

  /** Stores a whole blob that arrived in a bundle (already checked against its hash). */
  async putWhole(hash: string, bytes: Buffer): Promise<void> {
    if (sha256(bytes) !== hash) throw new HubRefusal(422, 'blob_hash', `文件内容与其 SHA-256（${hash.slice(0, 12)}…）不符`);
    const mime = evidenceTypeOf(hash, bytes);
    this.keep(hash, bytes);
    const chunks: string[] = [];
    for (let i = 0; i < Math.max(1, Math.ceil(bytes.length / CHUNK_BYTES)); i++) chunks.push(sha256(bytes.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES)));
    await insertBlob(this.q, hash, bytes.length, mime, chunks, new Date().toISOString());
  }

  private keep(hash: string, bytes: Buffer): void {
    const path = this.path(hash);
    if (existsSync(path)) return;
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try { writeSync(fd, bytes); fsyncSync(fd); } finally { closeSync(fd); }
    renameSync(tmp, path);
  }

  /** One chunk of a whole blob, to send. */
  chunk(hash: string, index: number): Buffer {
    this.check(hash);
    const path = this.path(hash);
    if (!existsSync(path)) throw new HubRefusal(404, 'not_found', '本中心还没有这个文件');
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

  /** A whole blob's bytes, or null when the hub does not hold it. */
  whole(hash: string): Buffer | null {
    const path = this.path(hash);
    return SHA_RE.test(hash) && existsSync(path) ? readFileSync(path) : null;
  }
}
