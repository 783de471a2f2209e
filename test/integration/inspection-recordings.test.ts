import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { receiveUpload } from '../../electron/core/streamed-upload';
import { storedFileAnswer } from '../../electron/core/files';
import { verifyEvidencePackage, writeEvidencePackage } from '../../electron/services/evidence/index';
import { stagedUpload } from '../../electron/services/uploads';
import { verifyWorkspace } from '../../electron/store/verify-records';
import { blobPath, setBlobKey } from '../../electron/store/blob-store';
import { demoWorkbench, tempDir } from './helpers';
import { syncNow } from '../../electron/services/sync';
import { countyLaptop, enrolledLaptop, startHub } from './sync-helpers';
import { completeIndustrial, signaturePng, startIndustrial } from './inspection-helpers';

const WAV = new URL('../fixtures/recordings/refusal.wav', import.meta.url).pathname;

/** Bytes that prove themselves an MP4 video (an `ftyp` box of brand isom) followed by `body`. */
export function mp4Bytes(body: Buffer): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isommp41')]);
  return Buffer.concat([ftyp, body]);
}

async function readAll(body: NodeJS.ReadableStream | null): Promise<Buffer> {
  const parts: Buffer[] = [];
  if (body) for await (const c of body) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('recordings in an inspection (issue 19)', () => {
  it('a refusal to sign is evidenced by a recording instead of a witness, frozen in the record and its evidence package', async () => {
    const wb = await demoWorkbench();
    const { id, officers } = await startIndustrial(wb);
    await completeIndustrial(wb, id, officers.map((o) => o.id));
    await wb.call('inspections.sign', { id, role: 'inspected', signerName: '王建国', refusedReason: '称需请示老板，拒绝签名' });
    expect((await wb.call('inspections.get', { id })).problems).toEqual({ 'signature:witness': '当事人拒绝签名的，须由见证人签名，或附上拒绝签名过程的录音录像' });

    // A field recording proves the inspection, not the refusal: the refusal still wants its witness or recording.
    await wb.call('inspections.addRecording', { id, file: { name: '执法记录仪-现场.wav', base64: readFileSync(WAV).toString('base64') }, caption: '进入车间' });
    expect(Object.keys((await wb.call('inspections.get', { id })).problems)).toEqual(['signature:witness']);
    const refusal = await wb.call('inspections.addRecording', {
      id, file: { name: '拒签过程.wav', base64: readFileSync(WAV).toString('base64') }, caption: '王建国拒绝签名', recordedAt: '2026-11-20T10:41', purpose: 'refusal',
    });
    expect(refusal).toMatchObject({ mime: 'audio/wav', purpose: 'refusal', recordedAt: '2026-11-20T10:41', size: readFileSync(WAV).length });
    expect((await wb.call('inspections.get', { id })).problems).toEqual({});

    await wb.call('inspections.finalize', { id });
    const record = await wb.call('inspections.get', { id });
    expect(record.recordings.map((r) => r.purpose)).toEqual(['evidence', 'refusal']);
    expect(verifyWorkspace(wb.store.db, wb.store.blobDir).problems).toEqual([]);
    // Frozen with the record: neither removed nor added to after 定稿.
    const removed = await wb.dispatch('inspections.removeRecording', { id, recordingId: refusal.id });
    expect(removed.ok).toBe(false);
    const canonical = JSON.parse(wb.store.db.prepare('SELECT canonical FROM inspection_records WHERE inspection_id = ?').pluck().get(id) as string);
    expect(canonical.recordings).toHaveLength(2);
    expect(canonical.recordings[1]).toMatchObject({ fileName: '拒签过程.wav', purpose: 'refusal', sha256: refusal.sha256 });

    const out = join(tempDir(), 'evidence.zip');
    writeEvidencePackage(wb.store, id, out);
    const report = verifyEvidencePackage(out);
    expect(report.problems).toEqual([]);
    expect(readFileSync(out).includes(Buffer.from(`files/${refusal.sha256}.wav`))).toBe(true);
  });

  it('refuses a photo, a file that is no recording, and a recording dated in the future; nothing is written', async () => {
    const wb = await demoWorkbench();
    const { id } = await startIndustrial(wb);
    const html = await wb.dispatch('inspections.addRecording', { id, file: { name: 'video.mp4', base64: Buffer.from('<html><script>alert(1)</script></html>').toString('base64') } });
    expect(html.ok ? '' : html.error.message).toMatch(/video\.mp4/);
    const future = await wb.dispatch('inspections.addRecording', { id, file: { name: 'a.wav', base64: readFileSync(WAV).toString('base64') }, recordedAt: '2099-01-01T00:00' });
    expect(future.ok ? '' : future.error.message).toBe('录制时间不能晚于现在');
    const both = await wb.dispatch('inspections.addRecording', { id, file: { name: 'a.wav' } });
    expect(both.ok ? '' : both.error.message).toMatch(/文件内容缺失/);
    const stale = await wb.dispatch('inspections.addRecording', { id, file: { name: 'a.mp4', upload: `${'0'.repeat(32)}.mp4` } });
    expect(stale.ok ? '' : stale.error.message).toMatch(/上传已失效/);
    expect(wb.store.db.prepare('SELECT count(*) FROM inspection_recordings').pluck().get()).toBe(0);
  });

  it('a large recording is streamed in, kept in encrypted segments, and served by byte ranges', async () => {
    const wb = await demoWorkbench();
    // As a protected workspace keeps it: encrypted at rest under the workspace's key.
    setBlobKey(wb.store.blobDir, randomBytes(32));
    const { id } = await startIndustrial(wb);
    const video = mp4Bytes(randomBytes(9 * 1024 * 1024 + 12345));
    const src = join(tempDir(), 'camera.mp4');
    writeFileSync(src, video);
    const { createReadStream } = await import('node:fs');
    const upload = await receiveUpload(wb, 'mp4', createReadStream(src, { highWaterMark: 256 * 1024 }));
    expect(stagedUpload(wb.store.file, upload)).not.toBeNull();
    const r = await wb.call('inspections.addRecording', { id, file: { name: '执法记录仪-20261120.mp4', upload }, caption: '排放口' });
    expect(r).toMatchObject({ mime: 'video/mp4', size: video.length });
    // The staged copy is gone once kept; the kept file is segments of ciphertext, no plain byte of the video.
    expect(stagedUpload(wb.store.file, upload)).toBeNull();
    const onDisk = readFileSync(blobPath(wb.store.blobDir, r.sha256));
    expect(onDisk.subarray(0, 4).toString()).toBe('QSE2');
    expect(onDisk.includes(video.subarray(5 * 1024 * 1024, 5 * 1024 * 1024 + 64))).toBe(false);

    const whole = storedFileAnswer(wb, r.sha256, undefined, false)!;
    expect(whole.status).toBe(200);
    expect((await readAll(whole.body)).equals(video)).toBe(true);
    // A range across a 1 MiB segment boundary, and one at the end.
    const mid = storedFileAnswer(wb, r.sha256, 'bytes=1048000-1049999', false)!;
    expect(mid.status).toBe(206);
    expect(mid.headers['content-range']).toBe(`bytes 1048000-1049999/${video.length}`);
    expect((await readAll(mid.body)).equals(video.subarray(1048000, 1050000))).toBe(true);
    const tail = storedFileAnswer(wb, r.sha256, 'bytes=-100', false)!;
    expect((await readAll(tail.body)).equals(video.subarray(video.length - 100))).toBe(true);
    expect(storedFileAnswer(wb, r.sha256, `bytes=${video.length}-`, false)!.status).toBe(416);
  });

  it('refuses an upload of a kind not taken that way, or past the limit, and leaves nothing behind', async () => {
    const wb = await demoWorkbench();
    const { Readable } = await import('node:stream');
    await expect(receiveUpload(wb, 'exe', Readable.from([Buffer.from('MZ')]))).rejects.toThrow(/不接受/);
    await expect(receiveUpload(wb, 'mp4', Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 1000)).rejects.toThrow(/文件超过/);
    await expect(receiveUpload(wb, 'mp4', Readable.from([]))).rejects.toThrow(/文件为空/);
    const { readdirSync, existsSync } = await import('node:fs');
    const { uploadsDirOf } = await import('../../electron/services/uploads');
    const dir = uploadsDirOf(wb.store.file);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('a recording of more than one chunk syncs to another laptop chunk by chunk, from encrypted segments, and verifies there', async () => {
    const hub = await startHub('sqlite');
    try {
      const a = await countyLaptop(hub);
      setBlobKey(a.store.blobDir, randomBytes(32));
      const { id, officers } = await startIndustrial(a);
      await completeIndustrial(a, id, officers.map((o) => o.id));
      const video = mp4Bytes(randomBytes(9 * 1024 * 1024 + 4321));
      const src = join(tempDir(), 'camera.mp4');
      writeFileSync(src, video);
      const { createReadStream } = await import('node:fs');
      const upload = await receiveUpload(a, 'mp4', createReadStream(src));
      const r = await a.call('inspections.addRecording', { id, file: { name: '执法记录仪.mp4', upload } });
      await a.call('inspections.finalize', { id });
      await syncNow(a.ctx);
      const b = await enrolledLaptop(hub, 'wang', { role: 'inspector' });
      const got = await syncNow(b.ctx);
      expect(got.mediaPending).toBe(0);
      expect(readFileSync(blobPath(b.store.blobDir, r.sha256)).equals(video)).toBe(true);
      expect(verifyWorkspace(b.store.db, b.store.blobDir).problems).toEqual([]);
      expect((await b.call('inspections.get', { id })).recordings).toMatchObject([{ sha256: r.sha256, size: video.length, mime: 'video/mp4' }]);
      a.close(); b.close();
    } finally {
      await hub.close();
    }
  });
});
