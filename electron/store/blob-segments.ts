import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { decryptFile, isEncryptedFile } from './cipher';

/*
 * Evidence files kept encrypted in segments (issue 19: a 执法记录仪 video is gigabytes, and must be
 * stored, played from any point and synced without being read whole). The format is the STREAM
 * construction of online authenticated encryption (Hoang, Reyhanitabar, Rogaway, Vizár 2015, as in
 * age and Tink's streaming AEAD), with Node's AES-256-GCM:
 *   `QSE2` ‖ nonce prefix (8) ‖ segment₀ ‖ segment₁ ‖ …,  segmentᵢ = AES-GCM(plainᵢ) ‖ tag (16)
 * each of 1 MiB of plain bytes (the last shorter, never empty unless the file is), nonce = prefix ‖
 * i (32-bit big-endian), associated data = the blob's name ‖ i ‖ whether it is the last segment — so a
 * segment moved, dropped, or a file cut short does not open. Files in the whole-file format (`QSE1`,
 * before this) and plain files (an unprotected workspace) are still read.
 * Hand-written because Node has no streaming AEAD and the libraries that do (Tink) do not run here.
 */

export const SEGMENT_BYTES = 1024 * 1024;
const MAGIC = Buffer.from('QSE2');
const HEADER = 12;
const TAG = 16;

function nonce(prefix: Buffer, index: number): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(index, 8);
  return n;
}

const aad = (name: string, index: number, last: boolean) => Buffer.from(`${name}|${index}|${last ? 1 : 0}`);

/** How many segments hold `size` plain bytes (an empty file is one empty segment). */
const segmentsFor = (size: number) => Math.max(1, Math.ceil(size / SEGMENT_BYTES));

/** The segmented file's header: magic and a fresh nonce prefix. */
export function segmentHeader(): Buffer {
  return Buffer.concat([MAGIC, randomBytes(8)]);
}

/** One segment of plain bytes encrypted under the header's nonce prefix. */
export function sealSegment(key: Buffer, header: Buffer, name: string, index: number, plain: Uint8Array, last: boolean): Buffer {
  const c = createCipheriv('aes-256-gcm', key, nonce(header.subarray(4, 12), index));
  c.setAAD(aad(name, index, last));
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

/** Encrypts bytes already in memory (a photo) in the segmented format. */
export function encryptSegmented(key: Buffer, plain: Uint8Array, name: string): Buffer {
  const header = segmentHeader();
  const n = segmentsFor(plain.length);
  const parts = [header];
  for (let i = 0; i < n; i++) parts.push(sealSegment(key, header, name, i, plain.subarray(i * SEGMENT_BYTES, (i + 1) * SEGMENT_BYTES), i === n - 1));
  return Buffer.concat(parts);
}

export function isSegmentedFile(head: Uint8Array): boolean {
  return head.length >= HEADER && Buffer.from(head.subarray(0, 4)).equals(MAGIC);
}

/** Reads a stored file by ranges without holding it: `size` is its plain size; `read` throws on altered bytes. */
export type BlobReader = { size: number; read(start: number, length: number): Buffer; close(): void };

/**
 * A reader of a blob file at `path`: plain, segmented (decrypted segment by segment) or whole-file
 * encrypted (small, older files: decrypted at once). Null when it is encrypted and there is no key.
 */
export function openBlobReader(path: string, name: string, key: Buffer | undefined): BlobReader | null {
  const fd = openSync(path, 'r');
  try {
    const fileSize = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(HEADER, fileSize));
    readSync(fd, head, 0, head.length, 0);
    if (isSegmentedFile(head)) {
      if (!key) { closeSync(fd); return null; }
      return segmentedReader(fd, fileSize, head, name, key);
    }
    const whole = Buffer.alloc(fileSize);
    if (Buffer.from(head.subarray(0, 4)).toString() === 'QSE1' && fileSize >= 32) {
      // The whole-file format: small by construction (photos before segments), opened at once.
      readSync(fd, whole, 0, fileSize, 0);
      closeSync(fd);
      if (!isEncryptedFile(whole) || !key) return null;
      const plain = decryptFile(key, whole, name);
      return plain ? memoryReader(plain) : null;
    }
    return plainReader(fd, fileSize);
  } catch (e) {
    try { closeSync(fd); } catch { /* closed already */ }
    throw e;
  }
}

function memoryReader(bytes: Buffer): BlobReader {
  return { size: bytes.length, read: (start, length) => bytes.subarray(start, Math.min(bytes.length, start + length)), close: () => {} };
}

/** A reader of a plain file on disk (a staged upload, an unprotected workspace's blob). */
export function openPlainReader(path: string): BlobReader {
  const fd = openSync(path, 'r');
  return plainReader(fd, fstatSync(fd).size);
}

function plainReader(fd: number, size: number): BlobReader {
  return {
    size,
    read(start, length) {
      const n = Math.max(0, Math.min(length, size - start));
      const buf = Buffer.alloc(n);
      let got = 0;
      while (got < n) {
        const r = readSync(fd, buf, got, n - got, start + got);
        if (!r) throw new Error('文件在读取时变短了');
        got += r;
      }
      return buf;
    },
    close: () => closeSync(fd),
  };
}

function segmentedReader(fd: number, fileSize: number, header: Buffer, name: string, key: Buffer): BlobReader {
  const body = fileSize - HEADER;
  const count = Math.max(1, Math.ceil(body / (SEGMENT_BYTES + TAG)));
  const size = body - count * TAG;
  if (size < 0) throw new Error('加密文件不完整');
  const segment = (i: number): Buffer => {
    const at = HEADER + i * (SEGMENT_BYTES + TAG);
    const len = Math.min(SEGMENT_BYTES + TAG, fileSize - at);
    const sealed = Buffer.alloc(len);
    readSync(fd, sealed, 0, len, at);
    const d = createDecipheriv('aes-256-gcm', key, nonce(header.subarray(4, 12), i));
    d.setAAD(aad(name, i, i === count - 1));
    d.setAuthTag(sealed.subarray(len - TAG));
    return Buffer.concat([d.update(sealed.subarray(0, len - TAG)), d.final()]);
  };
  return {
    size,
    read(start, length) {
      const end = Math.min(size, start + length);
      if (end <= start) return Buffer.alloc(0);
      const parts: Buffer[] = [];
      for (let i = Math.floor(start / SEGMENT_BYTES); i * SEGMENT_BYTES < end; i++) {
        const plain = segment(i);
        const from = Math.max(0, start - i * SEGMENT_BYTES);
        parts.push(plain.subarray(from, Math.min(plain.length, end - i * SEGMENT_BYTES)));
      }
      return Buffer.concat(parts);
    },
    close: () => closeSync(fd),
  };
}

/** Every byte of a reader, `chunk` at a time, to `fn` (hashing, copying) — never the whole file at once. */
export function eachChunk(reader: BlobReader, fn: (bytes: Buffer, offset: number) => void, chunk = 4 * SEGMENT_BYTES): void {
  for (let at = 0; at < reader.size || (at === 0 && reader.size === 0); at += chunk) {
    fn(reader.read(at, chunk), at);
    if (reader.size === 0) break;
  }
}
