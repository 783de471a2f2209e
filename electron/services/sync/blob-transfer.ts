import { CHUNK_BYTES, type BlobStatus } from '../../../shared/sync/protocol';
import { putBlob, readBlob, sha256Of as sha256 } from '../../store/blob-store';
import type { Store } from '../../store/store';
import { HubAnswer, type HubClient } from './hub-client';
import { confirmBlob } from '../../store/blob-sync';
import { sniffEvidenceType } from '../../../shared/domain/file-type';

export type Faults = { at(point: string): void };
export const NO_FAULTS: Faults = { at: () => undefined };

/**
 * Sends one blob in 4 MiB chunks, each with its hash, skipping the chunks the hub already holds
 * (a killed upload resumes), then asks the hub to join and check the whole. The local copy stays.
 */
export async function uploadBlob(store: Store, client: HubClient, hash: string, faults: Faults = NO_FAULTS): Promise<void> {
  const st = await client.request<BlobStatus>('GET', `/v1/blobs/${hash}`);
  if (st.state === 'complete') { confirmBlob(store.db, hash); return; }
  const blob = readBlob(store.db, store.blobDir, hash);
  if (!blob) return;
  const chunks: string[] = [];
  const count = Math.max(1, Math.ceil(blob.bytes.length / CHUNK_BYTES));
  for (let i = 0; i < count; i++) {
    const part = blob.bytes.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES);
    const h = sha256(part);
    chunks.push(h);
    if (st.chunks[i] === h) continue;
    await client.request('PUT', `/v1/blobs/${hash}/chunks/${i}`, undefined, { bytes: part, headers: { 'x-chunk-sha256': h } });
    faults.at('mid-chunk');
  }
  await client.request('POST', `/v1/blobs/${hash}/complete`, { size: blob.bytes.length, mime: blob.mime, chunks });
  confirmBlob(store.db, hash);
}

async function fetchChunk(client: HubClient, hash: string, index: number): Promise<Uint8Array | null> {
  try {
    return await client.request<Uint8Array>('GET', `/v1/blobs/${hash}/chunks/${index}`);
  } catch (e) {
    if (e instanceof HubAnswer && e.hubCode === 'blob_forbidden') return null;
    throw e;
  }
}

/** Fetches one blob chunk by chunk, checking each chunk's hash and the whole; false when the hub has not got it yet. */
export async function downloadBlob(store: Store, client: HubClient, hash: string): Promise<boolean> {
  const st = await client.request<BlobStatus>('GET', `/v1/blobs/${hash}`);
  if (st.state !== 'complete') return false;
  const parts: Uint8Array[] = [];
  for (let i = 0; i < st.chunks.length; i++) {
    const part = await fetchChunk(client, hash, i);
    // Not this reader's to see (it came with a record that has since left their towns): stays pending.
    if (!part) return false;
    if (sha256(part) !== st.chunks[i]) throw new Error(`文件 ${hash.slice(0, 12)}… 第 ${i + 1} 块校验不符`);
    parts.push(part);
  }
  const whole = Buffer.concat(parts);
  if (sha256(whole) !== hash) throw new Error(`文件 ${hash.slice(0, 12)}… 校验不符`);
  // Checked again here (DESIGN §11): bytes that are no evidence type are not kept, and the record stays pending.
  if (!sniffEvidenceType(whole)) return false;
  putBlob(store.db, store.blobDir, whole);
  confirmBlob(store.db, hash);
  return true;
}
