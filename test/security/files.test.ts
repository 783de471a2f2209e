import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobPath } from '../../electron/store/blob-store';
import { exportDeviceBundle } from '../../electron/services/sync/bundle';
import { hubSession } from '../../electron/services/sync/session';
import { importHubBundle } from '../../hub/services/bundles';
import { noteUploadedChunk, PENDING_UPLOAD_QUOTA, SWEEP_AFTER_MS, sweepBlobs } from '../../hub/services/blob-sweep';
import { currentBlobStore } from '../../hub/services/blob-choice';
import { sniffEvidenceType } from '../../shared/domain/file-type';
import { tempDir } from '../integration/helpers';
import { enrolledLaptop, startHub } from '../integration/sync-helpers';
import { forge } from './forge';

const PAGE = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('file types are proven from the bytes', () => {
  it('knows the evidence types by their signatures and nothing else', () => {
    const ftyp = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from(`ftyp${brand}\0\0\0\0${brand}mp41`)]);
    expect(sniffEvidenceType(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 1, 2]))).toBe('image/jpeg');
    expect(sniffEvidenceType(Buffer.from('\x89PNG\r\n\x1a\n....', 'latin1'))).toBe('image/png');
    expect(sniffEvidenceType(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffEvidenceType(Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1'))).toBe('audio/wav');
    expect(sniffEvidenceType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffEvidenceType(ftyp('heic'))).toBe('image/heic');
    expect(sniffEvidenceType(ftyp('isom'))).toBe('video/mp4');
    expect(sniffEvidenceType(ftyp('M4A '))).toBe('audio/mp4');
    expect(sniffEvidenceType(Buffer.from('ID3\x04\0\0', 'latin1'))).toBe('audio/mpeg');
    expect(sniffEvidenceType(Buffer.from([0xff, 0xfb, 0x90, 0x00]))).toBe('audio/mpeg');
    expect(sniffEvidenceType(Buffer.from([0xff, 0xf1, 0x50, 0x80]))).toBe('audio/aac');
    for (const bad of [PAGE, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'), Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('MZ\x90\0'), Buffer.from('')]) {
      expect(sniffEvidenceType(bad)).toBeNull();
    }
  });

  it('the hub refuses a completion whose chunk list does not match the chunks it holds (it would fail every download)', async () => {
    const hub = await startHub('sqlite');
    const laptop = await enrolledLaptop(hub, 'crafty2', { role: 'inspector' });
    const client = await hubSession(laptop.store);
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1000, 7)]);
    const hash = sha(photo);
    await client.request('PUT', `/v1/blobs/${hash}/chunks/0`, undefined, { bytes: photo, headers: { 'x-chunk-sha256': hash } });
    await expect(client.request('POST', `/v1/blobs/${hash}/complete`, { size: photo.length, mime: 'image/jpeg', chunks: ['0'.repeat(64)] })).rejects.toThrow(/第 1 块的哈希或大小与所报不符/);
    expect((await client.request<{ state: string }>('GET', `/v1/blobs/${hash}`)).state).not.toBe('complete');
    await hub.close();
  });

  it.each(['sqlite', 'pg'] as const)('the hub refuses a page claimed as a photo, over the network and in a USB bundle (%s)', async (kind) => {
    const hub = await startHub(kind);
    const laptop = await enrolledLaptop(hub, 'crafty', { role: 'inspector' });
    const client = await hubSession(laptop.store);
    const hash = sha(PAGE);
    await client.request('PUT', `/v1/blobs/${hash}/chunks/0`, undefined, { bytes: PAGE, headers: { 'x-chunk-sha256': hash } });
    await expect(client.request('POST', `/v1/blobs/${hash}/complete`, { size: PAGE.length, mime: 'image/jpeg', chunks: [hash] })).rejects.toThrow(/不是可接受的证据文件类型/);
    expect((await client.request<{ state: string }>('GET', `/v1/blobs/${hash}`)).state).toBe('absent');

    // The same page carried in a bundle beside an ordinary change: the bundle is refused whole.
    const path = blobPath(laptop.store.blobDir, hash);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, PAGE);
    laptop.store.db.prepare("INSERT INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, 'image/jpeg', '2026-12-01T00:00:00Z')").run(hash, PAGE.length);
    forge(laptop, 'region', '360799001000', { name: '第一镇', level: 'town', parentCode: null });
    const out = join(tempDir(), 'up.qsync');
    exportDeviceBundle(laptop.store, out);
    await expect(importHubBundle(hub.db, hub.dir, out)).rejects.toThrow(/不是可接受的证据文件类型/);
    expect((await hub.db.one<{ n: number }>('SELECT count(*) AS n FROM changes'))!.n).toBe(0);
    expect(await hub.db.one('SELECT 1 AS ok FROM blobs WHERE sha256 = $1', [hash])).toBeUndefined();
  });
});

describe('the hub keeps uploads within bounds', () => {
  it.each(['sqlite', 'pg'] as const)('a device’s unfinished uploads have a quota; they and files no record names are swept after a day (%s)', async (kind) => {
    const hub = await startHub(kind);
    const laptop = await enrolledLaptop(hub, 'crafty', { role: 'inspector' });
    const client = await hubSession(laptop.store);
    // A chunk uploaded and never completed, and a whole photo no record ever names.
    const part = jpegLike('半张照片');
    const partHash = sha(Buffer.concat([part, Buffer.from('rest')]));
    await client.request('PUT', `/v1/blobs/${partHash}/chunks/0`, undefined, { bytes: part, headers: { 'x-chunk-sha256': sha(part) } });
    const orphan = jpegLike('无人引用的照片');
    await client.request('PUT', `/v1/blobs/${sha(orphan)}/chunks/0`, undefined, { bytes: orphan, headers: { 'x-chunk-sha256': sha(orphan) } });
    await client.request('POST', `/v1/blobs/${sha(orphan)}/complete`, { size: orphan.length, mime: 'image/jpeg', chunks: [sha(orphan)] });
    const deviceId = (await hub.db.one<{ device_id: string }>('SELECT device_id FROM blob_uploads'))!.device_id;
    await expect(hub.db.tx((q) => noteUploadedChunk(q, deviceId, 'f'.repeat(64), 0, PENDING_UPLOAD_QUOTA))).rejects.toThrow(/未完成的文件上传已超过/);
    expect(await sweepBlobs(hub.db, await currentBlobStore(hub.dir, hub.db))).toEqual({ partial: 0, unreferenced: 0 }); // not a day old yet
    expect(await sweepBlobs(hub.db, await currentBlobStore(hub.dir, hub.db), Date.now() + SWEEP_AFTER_MS + 60_000)).toEqual({ partial: 1, unreferenced: 1 });
    expect((await client.request<{ state: string }>('GET', `/v1/blobs/${partHash}`)).state).toBe('absent');
    expect((await client.request<{ state: string }>('GET', `/v1/blobs/${sha(orphan)}`)).state).toBe('absent');
    expect(await hub.db.one('SELECT 1 AS ok FROM blob_uploads')).toBeUndefined();
  });
});

function jpegLike(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(text)]);
}
