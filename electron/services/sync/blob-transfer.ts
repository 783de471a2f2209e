import { CHUNK_BYTES, type BlobStatus } from '../../../shared/sync/protocol';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openBlob, putBlobFile, sha256Of as sha256 } from '../../store/blob-store';
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
  // Read chunk by chunk (a recording is gigabytes): one chunk in memory at a time.
  const blob = openBlob(store.db, store.blobDir, hash);
  if (!blob) return;
  const { reader } = blob;
  const chunks: string[] = [];
  try {
    const count = Math.max(1, Math.ceil(reader.size / CHUNK_BYTES));
    for (let i = 0; i < count; i++) {
      const part = reader.read(i * CHUNK_BYTES, CHUNK_BYTES);
      const h = sha256(part);
      chunks.push(h);
      if (st.chunks[i] === h) continue;
      await client.request('PUT', `/v1/blobs/${hash}/chunks/${i}`, undefined, { bytes: part, headers: { 'x-chunk-sha256': h } });
      faults.at('mid-chunk');
    }
  } finally {
    reader.close();
  }
  await client.request('POST', `/v1/blobs/${hash}/complete`, { size: reader.size, mime: blob.mime, chunks });
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

/**
 * Fetches one blob chunk by chunk into a file beside the store (never the whole in memory), checking
 * each chunk's hash and the whole's; false when the hub has not got it yet or it is not this reader's.
 */
export async function downloadBlob(store: Store, client: HubClient, hash: string): Promise<boolean> {
  const st = await client.request<BlobStatus>('GET', `/v1/blobs/${hash}`);
  if (st.state !== 'complete') return false;
  mkdirSync(store.blobDir, { recursive: true, mode: 0o700 });
  const part = join(store.blobDir, `${hash}.${process.pid}.download`);
  const fd = openSync(part, 'w', 0o600);
  try {
    const whole = createHash('sha256');
    let first: Uint8Array | null = null;
    try {
      for (let i = 0; i < st.chunks.length; i++) {
        const bytes = await fetchChunk(client, hash, i);
        // Not this reader's to see (it came with a record that has since left their towns): stays pending.
        if (!bytes) return false;
        if (sha256(bytes) !== st.chunks[i]) throw new Error(`文件 ${hash.slice(0, 12)}… 第 ${i + 1} 块校验不符`);
        first ??= bytes;
        whole.update(bytes);
        writeSync(fd, bytes);
      }
    } finally {
      closeSync(fd);
    }
    if (whole.digest('hex') !== hash) throw new Error(`文件 ${hash.slice(0, 12)}… 校验不符`);
    // Checked again here (DESIGN §11): bytes that are no evidence type are not kept, and the record stays pending.
    if (!first || !sniffEvidenceType(first)) return false;
    putBlobFile(store.db, store.blobDir, part, `文件 ${hash.slice(0, 12)}…`);
    confirmBlob(store.db, hash);
    return true;
  } finally {
    rmSync(part, { force: true });
  }
}
