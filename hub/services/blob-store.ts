import { HubRefusal } from './hub-error';

/*
 * Where a hub keeps the bytes of files (photos, recordings, signatures; issue 21): in its folder (the
 * default: one hub process) or in its database (`database`: any number of processes on one PostgreSQL
 * with no shared disk; pg_dump backs the files up with the records). `HubBlobs` checks every chunk and
 * file; a store only keeps and gives back bytes.
 */
export interface BlobBytes {
  readonly kind: BlobStoreKind;
  putPart(hash: string, index: number, bytes: Buffer, chunkHash: string): Promise<void>;
  /** The chunk hashes of an unfinished upload by index (null: no chunk yet). */
  partHashes(hash: string): Promise<(string | null)[] | null>;
  dropParts(hash: string): Promise<void>;
  /** Unfinished uploads whose last chunk came before `before` (ms). */
  staleParts(before: number): Promise<string[]>;
  /**
   * Makes an upload's chunks the whole file: each is shown to `inspect` in order (which throws to refuse),
   * then kept only when `accept` says so; nothing is kept otherwise. A missing chunk is refused.
   */
  join(hash: string, chunks: string[], inspect: (index: number, part: Buffer) => void, accept: () => boolean): Promise<boolean>;
  keepWhole(hash: string, bytes: Buffer): Promise<void>;
  hasWhole(hash: string): Promise<boolean>;
  chunk(hash: string, index: number): Promise<Buffer | null>;
  /** A whole file's bytes: its `chunks` chunks, no more. */
  whole(hash: string, chunks: number): Promise<Buffer | null>;
  deleteWhole(hash: string): Promise<void>;
}

export type BlobStoreKind = 'folder' | 'database';

export const missingChunk = (index: number) => new HubRefusal(409, 'missing_chunk', `还缺第 ${index + 1} 块`);
