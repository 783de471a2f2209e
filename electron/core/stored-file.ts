import { Readable } from 'node:stream';
import { openBlob } from '../store/blob-store';
import type { BlobReader } from '../store/blob-segments';
import { blobNamedByRecord } from '../store/town-scope';
import { storedFileHeaders } from './file-headers';
import type { Session, Workbench } from './workbench';

/** A stored file's answer to a GET or HEAD: status, headers and a body read piece by piece (never the whole file). */
export type StoredFileAnswer = { status: number; headers: Record<string, string>; body: Readable | null };

const PIECE = 1024 * 1024;

/**
 * A stored photo, signature, scan or recording, its type proved from its bytes. A town officer gets
 * only a file some record they may read names (a photo of another town's inspection is not theirs,
 * even knowing its hash — as at the hub, `mayReadBlob`). One byte range (RFC 9110 §14) is answered
 * with 206, so a recording plays from any point; the body is decrypted 1 MiB at a time as it is sent.
 */
export function storedFileAnswer(wb: Workbench, sha256: string, range: string | undefined, head: boolean, session?: Session): StoredFileAnswer | null {
  const { store } = wb;
  const reader = wb.readerOf(session);
  if (reader !== store.db && !blobNamedByRecord(reader, sha256)) return null;
  const blob = openBlob(store.db, store.blobDir, sha256);
  if (!blob) return null;
  const { size } = blob.reader;
  const headers: Record<string, string> = { ...storedFileHeaders(blob.mime, sha256), 'accept-ranges': 'bytes' };
  const wanted = range ? byteRange(range, size) : null;
  if (wanted === 'unsatisfiable') {
    blob.reader.close();
    return { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` }, body: null };
  }
  const [start, end] = wanted ?? [0, size - 1];
  headers['content-length'] = String(Math.max(0, end - start + 1));
  if (wanted) headers['content-range'] = `bytes ${start}-${end}/${size}`;
  if (head) { blob.reader.close(); return { status: wanted ? 206 : 200, headers, body: null }; }
  return { status: wanted ? 206 : 200, headers, body: piecesOf(blob.reader, start, end + 1) };
}

/** The bytes [start, end) of a reader as a stream of 1 MiB pieces; the reader is closed at the end or on abort. */
function piecesOf(reader: BlobReader, start: number, end: number): Readable {
  let at = start;
  return new Readable({
    read() {
      try {
        if (at >= end) { this.push(null); return; }
        const piece = reader.read(at, Math.min(PIECE, end - at));
        at += piece.length;
        this.push(piece);
      } catch (e) {
        this.destroy(e as Error);
      }
    },
    destroy(err, done) { reader.close(); done(err); },
  });
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range within `size` (null: not a range we answer, so the whole file). */
export function byteRange(header: string, size: number): [number, number] | null | 'unsatisfiable' {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Not one range we answer (or an empty file): the whole file, 200 (RFC 9110 §14.2: an invalid Range is ignored).
  if (!m || (!m[1] && !m[2]) || size === 0) return null;
  if (m[1] && m[2] && Number(m[2]) < Number(m[1])) return null;
  if (!m[1]) {
    const n = Number(m[2]);
    if (!n) return 'unsatisfiable';
    return [Math.max(0, size - n), size - 1];
  }
  const start = Number(m[1]);
  const end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  if (start >= size) return 'unsatisfiable';
  return [start, end];
}
