import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { DomainError } from '../../shared/api/result';
import { notEvidenceMessage, sniffEvidenceType } from '../../shared/domain/file-type';
import { prepared } from './statements';
import { subkey } from './cipher';
import { eachChunk, encryptSegmented, openBlobReader, openPlainReader, sealSegment, SEGMENT_BYTES, segmentHeader, type BlobReader } from './blob-segments';

/*
 * Blobs of a protected workspace are encrypted at rest (issue 18): AES-256-GCM under a key derived
 * from the workspace key, in 1 MiB segments (`blob-segments.ts`, issue 19), the SHA-256 of the plain
 * bytes as the file's name and associated data (a file moved under another name does not open). The key of a folder is set when its workspace is
 * opened with its key, for every store of this process on that folder.
 */
const blobKeys = new Map<string, Buffer>();

/** Encrypts what is written to `dir` from now on (and lets encrypted files there be read). */
export function setBlobKey(dir: string, workspaceKey: Buffer): void {
  blobKeys.set(dir, subkey(workspaceKey, 'blobs'));
}

/** The bytes as they are kept on disk in `dir` (encrypted when the folder has a key). */
function atRest(dir: string, sha256: string, bytes: Uint8Array): Uint8Array {
  const key = blobKeys.get(dir);
  return key ? encryptSegmented(key, bytes, sha256) : bytes;
}

/** A reader of a blob file by ranges (null: absent, or encrypted and this folder's key is not set). */
export function blobFileReader(dir: string, sha256: string): BlobReader | null {
  const path = blobPath(dir, sha256);
  if (!existsSync(path)) return null;
  return openBlobReader(path, sha256, blobKeys.get(dir));
}

/** The plain bytes of a small blob file (a photo) at once (null: absent, not readable here, or altered). */
export function readBlobFile(dir: string, sha256: string): Buffer | null {
  let reader: BlobReader | null = null;
  try {
    reader = blobFileReader(dir, sha256);
    return reader ? Buffer.from(reader.read(0, reader.size)) : null;
  } catch {
    return null;
  } finally {
    reader?.close();
  }
}

/** Encrypts the blobs of `dir` that are still plain (a workspace being protected), file by file in segments; returns how many. */
export function encryptPlainBlobs(dir: string): number {
  const key = blobKeys.get(dir);
  if (!key || !existsSync(dir)) return 0;
  let n = 0;
  for (const sub of readdirSync(dir)) {
    if (!/^[0-9a-f]{2}$/.test(sub)) continue;
    for (const name of readdirSync(join(dir, sub))) {
      if (!/^[0-9a-f]{64}$/.test(name)) continue;
      const path = join(dir, sub, name);
      const reader = openBlobReader(path, name, undefined);
      if (!reader) continue; // encrypted already
      try { writeAtRest(dir, path, name, reader); } finally { reader.close(); }
      n++;
    }
  }
  return n;
}

/** Writes a blob's bytes from a reader to `path` as they are kept in `dir` (segments encrypted one at a time), whole or not at all. */
function writeAtRest(dir: string, path: string, sha256: string, reader: BlobReader): void {
  const key = blobKeys.get(dir);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    if (key) {
      const header = segmentHeader();
      writeSync(fd, header);
      const count = Math.max(1, Math.ceil(reader.size / SEGMENT_BYTES));
      for (let i = 0; i < count; i++) writeSync(fd, sealSegment(key, header, sha256, i, reader.read(i * SEGMENT_BYTES, SEGMENT_BYTES), i === count - 1));
    } else {
      eachChunk(reader, (bytes) => writeSync(fd, bytes));
    }
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

/** Writes a file under a temporary name, flushed, then renamed: the whole file or none of it. */
function writeWhole(path: string, bytes: Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try { writeSync(fd, bytes); fsyncSync(fd); } finally { closeSync(fd); }
  renameSync(tmp, path);
}

/** The folder beside a workspace file that holds its blobs (moved and backed up with it). */
export function blobDirOf(workspaceFile: string): string {
  return `${workspaceFile}.blobs`;
}

/** Where the bytes of a blob live: `<dir>/ab/abcdef…`. */
export function blobPath(dir: string, sha256: string): string {
  return join(dir, sha256.slice(0, 2), sha256);
}

export function sha256Of(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Stores bytes once under their SHA-256 (DESIGN §5: blobs never change). The file is written to a
 * temporary name, flushed and renamed, so a crash leaves either the whole blob or none of it.
 * Its type is what its bytes prove (DESIGN §11), never what a sender claims: bytes that are not one
 * of the evidence types are refused (`name` names them in the message) and nothing is written.
 * Blobs carry no change record: they are referenced by the records that use them.
 */
export function putBlob(db: Database, dir: string, bytes: Uint8Array, name = '文件'): string {
  const mime = sniffEvidenceType(bytes);
  if (!mime) throw new DomainError('invalid', notEvidenceMessage(name));
  const sha256 = sha256Of(bytes);
  const path = blobPath(dir, sha256);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeWhole(path, atRest(dir, sha256, bytes));
  }
  // A row that was waiting for these bytes (size -1: a synced record referred to them first) is completed.
  prepared(db, `INSERT INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, mime = excluded.mime WHERE blobs.size < 0`).run(sha256, bytes.byteLength, mime, new Date().toISOString());
  return sha256;
}

/**
 * Registers a blob a synced record refers to before its bytes have arrived ("media pending",
 * DESIGN §8): a row with size -1 that `putBlob` completes. Records can then point at it.
 * True when the row is new (so `forgetExpectedBlob` may take it back).
 */
export function expectBlob(db: Database, sha256: string, now = new Date().toISOString()): boolean {
  return prepared(db, "INSERT OR IGNORE INTO blobs (sha256, size, mime, created_at) VALUES (?, -1, '', ?)").run(sha256, now).changes > 0;
}

/** Takes back a row `expectBlob` registered for a record that was then refused (bytes never came). */
export function forgetExpectedBlob(db: Database, sha256: string): void {
  prepared(db, 'DELETE FROM blobs WHERE sha256 = ? AND size < 0').run(sha256);
}

/**
 * Stores a file the host staged on disk (a recording, issue 19) without reading it whole: its type
 * from its first bytes, its SHA-256 in one pass, then copied (encrypted segment by segment in a
 * protected workspace) under that hash in a second. Same promises as `putBlob`; returns hash, size, type.
 */
export function putBlobFile(db: Database, dir: string, source: string, name = '文件'): { sha256: string; size: number; mime: string } {
  const reader = openPlainReader(source);
  const size = reader.size;
  try {
    const mime = sniffEvidenceType(reader.read(0, 64));
    if (!mime) throw new DomainError('invalid', notEvidenceMessage(name));
    const hash = createHash('sha256');
    eachChunk(reader, (bytes) => hash.update(bytes));
    const sha256 = hash.digest('hex');
    const path = blobPath(dir, sha256);
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeAtRest(dir, path, sha256, reader);
    }
    prepared(db, `INSERT INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, mime = excluded.mime WHERE blobs.size < 0`).run(sha256, size, mime, new Date().toISOString());
    return { sha256, size, mime };
  } finally {
    reader.close();
  }
}

/** A stored blob's reader by ranges and its type as kept (null: not here). The caller closes the reader. */
export function openBlob(db: Database, dir: string, sha256: string): { reader: BlobReader; mime: string } | null {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const row = prepared(db, 'SELECT mime FROM blobs WHERE sha256 = ? AND size >= 0').get(sha256) as { mime: string } | undefined;
  if (!row) return null;
  const reader = blobFileReader(dir, sha256);
  if (!reader) return null;
  // Served as what the bytes are (a row's type may predate the check): anything else is a download.
  let mime = 'application/octet-stream';
  try { mime = sniffEvidenceType(reader.read(0, 64)) ?? mime; } catch { reader.close(); return null; }
  return { reader, mime };
}

/** The bytes and type of a stored blob, or null when it is not here. */
export function readBlob(db: Database, dir: string, sha256: string): { bytes: Buffer; mime: string } | null {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const row = prepared(db, 'SELECT 1 FROM blobs WHERE sha256 = ? AND size >= 0').get(sha256);
  const bytes = row ? readBlobFile(dir, sha256) : null;
  if (!bytes) return null;
  // Served as what the bytes are (a row's type may predate the check): anything else is a download.
  return { bytes, mime: sniffEvidenceType(bytes) ?? 'application/octet-stream' };
}

/** The bytes the stored blobs of these hashes hold together (those not here count nothing). */
export function blobBytes(db: Database, shas: string[]): number {
  return shas.reduce((n, sha) => n + ((prepared(db, 'SELECT size FROM blobs WHERE sha256 = ? AND size >= 0').pluck().get(sha) as number | undefined) ?? 0), 0);
}
