import { describe, expect, it } from 'vitest';
import { parseHlc } from '../../shared/sync/hlc';
import { applyRemoteChanges, type RemoteChange } from '../../electron/services/sync/apply';
import { loopWorkbench, openWorkbench } from './helpers';

const NODE = 'remote01';
const hlcAt = (ms: number, counter = 0) => `${ms.toString(16).padStart(12, '0')}-${counter.toString(16).padStart(4, '0')}-${NODE}`;
const change = (nseq: number, entity: string, entityId: string, fields: Record<string, unknown>, hlc = hlcAt(Date.now(), nseq)): RemoteChange =>
  ({ node: NODE, nseq, entity, entityId, hlc, author: 'system', fields, base: {}, hubSeq: nseq });

describe('applying a page of remote changes', () => {
  it('a change this laptop refuses leaves nothing behind — not the photo blobs it named — and the rest of its page is applied', async () => {
    const wb = await loopWorkbench(3);
    const { db } = wb.store;
    const inspectionId = db.prepare("SELECT id FROM inspections WHERE state = 'finalized' LIMIT 1").pluck().get() as string;
    const [sha, thumb] = ['ab'.repeat(32), 'cd'.repeat(32)];
    const lateEvidence = change(2, 'inspection_photo', 'photo-after-signing', {
      inspectionId, itemId: null, sha256: sha, thumbSha256: thumb, fileName: '补拍.jpg', caption: '', takenAt: null, lon: null, lat: null, width: 640, height: 480,
    });
    const report = wb.store.replicaTransaction(() => applyRemoteChanges(wb.store, [
      change(1, 'watershed', 'ws-before', { name: '东江' }), lateEvidence, change(3, 'watershed', 'ws-after', { name: '西江' }),
    ]));

    expect(report.applied).toBe(2);
    expect(report.rejected).toEqual([{ cid: `${NODE}:2`, reason: '本机拒绝写入：该检查记录在本机已定稿，定稿后的内容和证据不能再改' }]);
    expect(db.prepare('SELECT count(*) FROM inspection_photos WHERE id = ?').pluck().get('photo-after-signing')).toBe(0);
    expect(db.prepare('SELECT count(*) FROM blobs WHERE sha256 IN (?, ?)').pluck().get(sha, thumb)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM changes WHERE entity = 'inspection_photo' AND entity_id = 'photo-after-signing'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT name FROM watersheds WHERE id IN ('ws-before', 'ws-after') ORDER BY id").pluck().all()).toEqual(['西江', '东江']);
    // A page does not wait for the disk; everything after it does again.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('a change whose log entry cannot be kept (its number already names another change) writes no row either', () => {
    const wb = openWorkbench();
    const { db } = wb.store;
    wb.store.replicaTransaction(() => applyRemoteChanges(wb.store, [change(1, 'watershed', 'ws-1', { name: '东江' })]));
    // A forged change reuses that node and number for another record: the log refuses it, so must the rows.
    const report = wb.store.replicaTransaction(() => applyRemoteChanges(wb.store, [change(1, 'watershed', 'ws-forged', { name: '伪造' })]));
    expect(report.applied).toBe(0);
    expect(report.rejected).toHaveLength(1);
    expect(db.prepare("SELECT count(*) FROM watersheds WHERE id = 'ws-forged'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM changes WHERE entity_id = 'ws-forged'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT name FROM watersheds').pluck().all()).toEqual(['东江']);
  });

  it('a page that fails as a whole leaves nothing, and local writes are durable again afterwards', () => {
    const wb = openWorkbench();
    const { db } = wb.store;
    expect(() => wb.store.replicaTransaction(() => {
      applyRemoteChanges(wb.store, [change(1, 'watershed', 'ws-1', { name: '东江' })]);
      throw new Error('连接中断');
    })).toThrow('连接中断');
    expect(db.prepare('SELECT count(*) FROM watersheds').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM changes WHERE node = ?').pluck().get(NODE)).toBe(0);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('a clock far ahead is flagged, not followed; the newest ordinary timestamp of a page is', () => {
    const wb = openWorkbench();
    const now = Date.now();
    const report = applyRemoteChanges(wb.store, [
      change(1, 'watershed', 'ws-1', { name: '东江' }, hlcAt(now + 60_000)),
      change(2, 'watershed', 'ws-2', { name: '西江' }, hlcAt(now + 365 * 24 * 3600_000)),
      change(3, 'watershed', 'ws-3', { name: '北江' }, hlcAt(now + 30_000)),
    ]);
    expect(report).toMatchObject({ applied: 3, drifted: 1 });
    const next = parseHlc(wb.store.clock.next()).ms;
    expect(next).toBeGreaterThanOrEqual(now + 60_000);
    expect(next).toBeLessThan(now + 24 * 3600_000);
  });
});
