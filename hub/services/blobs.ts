import { createHash } from 'node:crypto';
import { CHUNK_BYTES, type BlobStatus } from '../../shared/sync/protocol';
import { notEvidenceMessage, sniffEvidenceType, type EvidenceType } from '../../shared/domain/file-type';
import { blobRow, insertBlob } from '../db/blobs';
import type { Queryable } from '../db/hub-db';
import type { BlobBytes } from './blob-store';
import { sha256 } from './hash';
import { HubRefusal } from './hub-error';

const SHA_RE = /^[0-9a-f]{64}$/;

/** The type the bytes prove (DESIGN §11), or a refusal: the hub keeps evidence types only, whatever the sender claims. */
export function evidenceTypeOf(hash: string, bytes: Uint8Array): EvidenceType {
  const type = sniffEvidenceType(bytes);
  if (!type) throw new HubRefusal(415, 'file_type', notEvidenceMessage(`文件 ${hash.slice(0, 12)}…`));
  return type;
}

/**
 * The hub's files (photos, signatures, recordings) by SHA-256: every chunk and every whole file checked
 * here — its hash, its chunk list, the type its bytes prove — and their bytes kept by a store
 * (`blob-store.ts`: the hub's folder, or its database).
 */
export class HubBlobs {
  constructor(readonly store: BlobBytes, private readonly q: Queryable) {}

  private check(hash: string): void {
    if (!SHA_RE.test(hash)) throw new HubRefusal(400, 'invalid', `“${hash}”不是 SHA-256`);
  }

  /** Whether the hub holds a blob whole, in part (which chunks) or not at all. */
  async status(hash: string): Promise<BlobStatus> {
    this.check(hash);
    const row = await blobRow(this.q, hash);
    if (row?.complete) return { state: 'complete', size: row.size, mime: row.mime, chunks: JSON.parse(row.chunks) };
    const have = await this.store.partHashes(hash);
    return have ? { state: 'partial', size: 0, mime: '', chunks: have } : { state: 'absent', size: 0, mime: '', chunks: [] };
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
    await this.store.putPart(hash, index, bytes, chunkHash);
  }

  /** Joins the chunks; the whole must hash to the blob's name, its chunks to the list given, its bytes to an evidence type — or nothing is kept. */
  async complete(hash: string, size: number, chunks: string[]): Promise<void> {
    this.check(hash);
    const existing = await this.status(hash);
    if (existing.state === 'complete') return;
    const whole = createHash('sha256');
    let length = 0;
    let type: EvidenceType | null = null;
    let badChunk = -1;
    let digest = '';
    const kept = await this.store.join(hash, chunks, (i, part) => {
      // The list the sender gives is checked too (a blob is never kept with chunk hashes that would fail
      // every download), and every chunk but the last is whole, so a download's chunk i is the upload's.
      if (badChunk >= 0) return;
      if (sha256(part) !== chunks[i] || (i < chunks.length - 1 && part.length !== CHUNK_BYTES)) { badChunk = i; return; }
      if (i === 0) type = sniffEvidenceType(part);
      whole.update(part);
      length += part.length;
    }, () => { digest = whole.digest('hex'); return badChunk < 0 && length === size && digest === hash && !!type; });
    if (!kept) {
      // A chunk not as listed is asked again; a whole that is not what it is named, or no evidence, is discarded.
      if (badChunk >= 0) throw new HubRefusal(422, 'chunk_hash', `第 ${badChunk + 1} 块的哈希或大小与所报不符，请重传`);
      await this.store.dropParts(hash);
      if (length === size && digest === hash) throw new HubRefusal(415, 'file_type', notEvidenceMessage(`文件 ${hash.slice(0, 12)}…`));
      throw new HubRefusal(422, 'blob_hash', `文件内容与其 SHA-256（${hash.slice(0, 12)}…）不符，已丢弃，请重传`);
    }
    await insertBlob(this.q, hash, size, type!, chunks, new Date().toISOString());
    await this.store.dropParts(hash);
  }

  /** Stores a whole blob that arrived in a bundle (checked here against its hash and type). */
  async putWhole(hash: string, bytes: Buffer): Promise<void> {
    if (sha256(bytes) !== hash) throw new HubRefusal(422, 'blob_hash', `文件内容与其 SHA-256（${hash.slice(0, 12)}…）不符`);
    const mime = evidenceTypeOf(hash, bytes);
    await this.store.keepWhole(hash, bytes);
    const chunks: string[] = [];
    for (let i = 0; i < Math.max(1, Math.ceil(bytes.length / CHUNK_BYTES)); i++) chunks.push(sha256(bytes.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES)));
    await insertBlob(this.q, hash, bytes.length, mime, chunks, new Date().toISOString());
  }

  /** One chunk of a whole blob, to send. */
  async chunk(hash: string, index: number): Promise<Buffer> {
    this.check(hash);
    if (!Number.isInteger(index) || index < 0) throw new HubRefusal(400, 'invalid', '分块序号不对');
    // Only the chunks the file was recorded with, whatever else a store may hold.
    const row = await blobRow(this.q, hash);
    if (!row?.complete || index >= (JSON.parse(row.chunks) as string[]).length) throw new HubRefusal(404, 'not_found', '本中心还没有这个文件');
    const bytes = await this.store.chunk(hash, index);
    if (!bytes) throw new HubRefusal(404, 'not_found', '本中心还没有这个文件');
    return bytes;
  }

  /** A whole blob's bytes, or null when the hub does not hold it. */
  async whole(hash: string): Promise<Buffer | null> {
    if (!SHA_RE.test(hash)) return null;
    const row = await blobRow(this.q, hash);
    if (!row?.complete) return null;
    const bytes = await this.store.whole(hash, (JSON.parse(row.chunks) as string[]).length);
    // What is kept is what was recorded, or nothing is handed out.
    return bytes && bytes.length === row.size ? bytes : null;
  }
}
