import type { BlobBytes } from './blob-store';
import { deleteBlob, orphanBlobs } from '../db/blobs';
import type { Queryable } from '../db/hub-db';
import { forgetUploadsBefore, forgetUploadsOf, noteUpload, pendingUploadBytes } from '../db/uploads';
import { HubRefusal } from './hub-error';

/**
 * How much one device may hold in unfinished uploads at once: a few days of photos and recordings,
 * and at least the largest recording a laptop takes (8 GB, `MAX_STREAMED_BYTES`) with room to spare.
 */
export const PENDING_UPLOAD_QUOTA = 10 * 1024 ** 3;
/** How long unfinished uploads and files no record names are kept. */
export const SWEEP_AFTER_MS = 24 * 60 * 60_000;

/** Refuses a chunk that would take this device's unfinished uploads past its quota; records it otherwise. */
export async function noteUploadedChunk(q: Queryable, deviceId: string, hash: string, index: number, bytes: number, now = Date.now()): Promise<void> {
  const pending = await pendingUploadBytes(q, deviceId, hash, index);
  if (pending + bytes > PENDING_UPLOAD_QUOTA) {
    throw new HubRefusal(413, 'quota', `本设备未完成的文件上传已超过 ${PENDING_UPLOAD_QUOTA / 1024 ** 3} GB：请先完成同步，未完成的部分一天后自动清理`);
  }
  await noteUpload(q, deviceId, hash, index, bytes, new Date(now).toISOString());
}

/** A finished (or discarded) upload no longer counts against anyone's quota. */
export async function forgetUpload(q: Queryable, hash: string): Promise<void> {
  await forgetUploadsOf(q, hash);
}

/**
 * Deletes what a day has left behind: unfinished uploads (their chunks) and whole files no record
 * names (uploaded, then their record never came) — a file a quarantined change names is kept, in
 * case an admin releases it. Returns what went.
 */
export async function sweepBlobs(q: Queryable, store: BlobBytes, now = Date.now()): Promise<{ partial: number; unreferenced: number }> {
  const before = new Date(now - SWEEP_AFTER_MS).toISOString();
  let partial = 0;
  for (const hash of await store.staleParts(now - SWEEP_AFTER_MS)) { await store.dropParts(hash); await forgetUpload(q, hash); partial++; }
  await forgetUploadsBefore(q, before);
  const orphans = await orphanBlobs(q, before);
  for (const sha256 of orphans) {
    await store.deleteWhole(sha256);
    await deleteBlob(q, sha256);
  }
  return { partial, unreferenced: orphans.length };
}
