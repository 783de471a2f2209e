import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { syncNow } from '../../electron/services/sync';
import { generateDemoPast } from '../../electron/services/demo/inspections';
import { readSyncState } from '../../electron/store/sync-state';
import { verifyWorkspace } from '../../electron/store/verify-records';
import { countyLaptop, enrolledLaptop, startHub } from '../integration/sync-helpers';
import { forge } from './forge';

type Laptop = Awaited<ReturnType<typeof countyLaptop>>;
const finalizedOf = (wb: Laptop) => wb.store.db.prepare("SELECT id FROM inspections WHERE state = 'finalized' ORDER BY id LIMIT 1").pluck().get() as string;
const answerOf = (wb: Laptop, id: string) => wb.store.db.prepare("SELECT id, value FROM inspection_answers WHERE inspection_id = ? AND value NOT LIKE '{%' ORDER BY id LIMIT 1").get(id) as { id: string; value: string };
// A refused record leaves a gap in its device's chain here, which verify rightly reports; what must not remain is an altered record.
const problems = (wb: Laptop) => verifyWorkspace(wb.store.db, wb.store.blobDir).problems.filter((p) => p.kind === 'record');

describe.each(['sqlite', 'pg'] as const)('a finalized inspection (定稿) is frozen at the hub and checked where it lands (%s)', (kind) => {
  it('the hub quarantines changes to a finalized record’s answers, photos, captions and signatures, and a fresh laptop’s copy still verifies', async () => {
    const hub = await startHub(kind);
    const a = await countyLaptop(hub, 2);
    await syncNow(a.ctx);
    const id = finalizedOf(a);
    const answer = answerOf(a, id);
    const photo = a.store.db.prepare('SELECT id FROM inspection_photos WHERE inspection_id = ? LIMIT 1').pluck().get(id) as string;
    forge(a, 'inspection_answer', answer.id, { value: '改过的答案' });
    forge(a, 'inspection_photo', photo, { caption: '改过的说明' });
    forge(a, 'inspection_photo', 'forged-photo', { inspectionId: id, itemId: null, sha256: '0'.repeat(64), thumbSha256: '0'.repeat(64), fileName: 'x.jpg', caption: '后补的照片' });
    forge(a, 'inspection_signature', `${id}/witness`, { inspectionId: id, role: 'witness', signerName: '冒名', sha256: null, signedAt: '2026-12-01 10:00:00', refusedReason: null });
    forge(a, 'inspection', id, { body: '改过的笔录正文' });
    // Evidence moved out to a draft (then free to edit), and a second signed text for the finalized one.
    forge(a, 'inspection', 'a-draft', { state: 'draft', templateId: 'builtin:x@1', targetKind: 'site', targetId: null, targetName: 'x', townCode: null, startedAt: '2026-12-01 09:00' });
    forge(a, 'inspection_answer', answer.id, { inspectionId: 'a-draft' });
    forge(a, 'inspection_record', id, { node: 'x', chainSeq: 1, prevSha256: null, canonical: '{}', sha256: createHash('sha256').update('{}').digest('hex') });
    const r = await syncNow(a.ctx);
    expect(r.quarantined).toBe(7);
    const reasons = (await a.call('sync.rejected', {})).map((x: { reason: string }) => x.reason);
    expect(reasons.filter((x: string) => x.includes('已定稿')).length).toBe(6);
    expect(reasons.join('\n')).toContain('不能改属另一份检查记录');

    const c = await enrolledLaptop(hub, 'fresh', { role: 'inspector' });
    await syncNow(c.ctx);
    expect(c.store.db.prepare('SELECT value FROM inspection_answers WHERE id = ?').pluck().get(answer.id)).toBe(answer.value);
    expect(problems(c)).toEqual([]);
  });

  it('a laptop refuses a finalized record whose rows the hub altered — by first sync and by pull — and keeps nothing of it', async () => {
    const hub = await startHub(kind);
    const a = await countyLaptop(hub, 2);
    await syncNow(a.ctx);
    const b = await enrolledLaptop(hub, 'early', { role: 'inspector' });
    await syncNow(b.ctx);
    // Altered in the hub's own database (an older hub that took the change, or someone with access to it).
    const id = finalizedOf(a);
    const answer = answerOf(a, id);
    const heads = JSON.parse((await hub.db.one<{ heads: string }>("SELECT heads FROM records WHERE entity = 'inspection_answer' AND entity_id = $1", [answer.id]))!.heads);
    heads.value[0].v = '改过的答案';
    await hub.db.run("UPDATE records SET heads = $2 WHERE entity = 'inspection_answer' AND entity_id = $1", [answer.id, JSON.stringify(heads)]);

    const c = await enrolledLaptop(hub, 'fresh', { role: 'inspector' });
    const first = await syncNow(c.ctx);
    expect(first.rejected).toBe(1);
    expect(c.store.db.prepare('SELECT count(*) FROM inspections WHERE id = ?').pluck().get(id)).toBe(0);
    expect(c.store.db.prepare('SELECT count(*) FROM inspection_answers WHERE inspection_id = ?').pluck().get(id)).toBe(0);
    expect((await c.call('sync.rejected', {})).map((x: { reason: string }) => x.reason).join()).toMatch(/数据行与定稿内容不一致/);
    expect(problems(c)).toEqual([]);

    // By pull: a new inspection made after laptop B's first sync, one answer altered in the hub's log.
    const held = new Set(a.store.db.prepare('SELECT id FROM inspections').pluck().all() as string[]);
    await generateDemoPast(a.store, { seed: 777, count: 1 });
    await syncNow(a.ctx);
    const fresh = (a.store.db.prepare("SELECT id FROM inspections WHERE state = 'finalized'").pluck().all() as string[]).find((x) => !held.has(x))!;
    const altered = answerOf(a, fresh);
    const row = (await hub.db.one<{ hub_seq: number; fields: string }>("SELECT hub_seq, fields FROM changes WHERE entity = 'inspection_answer' AND entity_id = $1 ORDER BY hub_seq DESC LIMIT 1", [altered.id]))!;
    await hub.db.run('UPDATE changes SET fields = $2 WHERE hub_seq = $1', [row.hub_seq, JSON.stringify({ ...JSON.parse(row.fields), value: '改过的答案' })]);
    const pulled = await syncNow(b.ctx);
    expect(pulled.rejected).toBeGreaterThanOrEqual(1);
    expect(b.store.db.prepare('SELECT count(*) FROM inspections WHERE id = ?').pluck().get(fresh)).toBe(0);
    expect(problems(b)).toEqual([]);
  });

  it('a finalized record whose signed text and 定稿 state arrive in two pages of a pull is kept, not refused', async () => {
    const hub = await startHub(kind);
    const a = await countyLaptop(hub, 2);
    await syncNow(a.ctx);
    const b = await enrolledLaptop(hub, 'early', { role: 'inspector' });
    await syncNow(b.ctx);
    const held = new Set(a.store.db.prepare('SELECT id FROM inspections').pluck().all() as string[]);
    await generateDemoPast(a.store, { seed: 778, count: 1 });
    await syncNow(a.ctx);
    const fresh = (a.store.db.prepare("SELECT id FROM inspections WHERE state = 'finalized'").pluck().all() as string[]).find((x) => !held.has(x))!;
    // The pages of B's pull: the signed text (inspection_record) ends the first, its 定稿 state begins the second.
    const seqs = await hub.db.all<{ hub_seq: number; entity: string }>('SELECT hub_seq, entity FROM changes WHERE hub_seq > $1 ORDER BY hub_seq', [readSyncState(b.store.db).cursor]);
    const at = seqs.findIndex((r) => r.entity === 'inspection_record');
    expect(seqs[at + 1].entity).toBe('inspection');
    const pulled = await syncNow(b.ctx, { pageSize: at + 1 });
    expect(pulled.rejected).toBe(0);
    expect(b.store.db.prepare('SELECT state FROM inspections WHERE id = ?').pluck().get(fresh)).toBe('finalized');
    expect(b.store.db.prepare('SELECT count(*) FROM inspection_records WHERE inspection_id = ?').pluck().get(fresh)).toBe(1);
    expect(problems(b)).toEqual([]);
  });

  it('the hub refuses a 定稿 without its signed text, a hash without its state, a draft state again, a superseded draft, and a signed text that is not canonical JSON', async () => {
    const hub = await startHub(kind);
    const a = await countyLaptop(hub, 0);
    await syncNow(a.ctx);
    const template = a.store.db.prepare('SELECT id FROM checklist_templates LIMIT 1').pluck().get() as string;
    forge(a, 'inspection', 'x-draft', { state: 'draft', templateId: template, targetKind: 'site', targetId: null, targetName: '某工地', townCode: null, startedAt: '2026-12-01 09:00' });
    const text = '{}';
    const hash = createHash('sha256').update(text).digest('hex');
    forge(a, 'inspection', 'x-draft', { state: 'finalized', sha256: hash, finalizedAt: '2026-12-01T10:00:00.000Z' });
    forge(a, 'inspection', 'x-draft', { body: '改过的笔录正文', sha256: hash });
    forge(a, 'inspection', 'x-draft', { state: 'draft' });
    forge(a, 'inspection', 'x-draft', { state: 'superseded' });
    const twoKeys = '{"body":"伪造","body":"原文"}';
    forge(a, 'inspection_record', 'x-draft', { node: a.store.nodeId, chainSeq: 1, prevSha256: null, canonical: twoKeys, sha256: createHash('sha256').update(twoKeys).digest('hex') });
    const r = await syncNow(a.ctx);
    expect(r.quarantined).toBe(5);
    const reasons = (await a.call('sync.rejected', {})).map((x: { reason: string }) => x.reason).join('\n');
    for (const why of ['定稿状态未随其签署文本', '定稿须在同一变更中写明定稿状态和哈希', '检查记录不能改回草稿', '只有已定稿的检查记录可被其更正版本取代', '不是规范 JSON']) expect(reasons).toContain(why);
  });
});
