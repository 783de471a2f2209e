import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blobPath } from '../../electron/store/blob-store';
import { verifyWorkspace } from '../../electron/store/verify-records';
import { demoWorkbench, openWorkbench } from './helpers';
import { completeIndustrial, photoBase64, signaturePng, startIndustrial } from './inspection-helpers';

describe('inspections', () => {
  it('runs a whole industrial inspection: answers, photos with EXIF, signatures, finalize, finding', async () => {
    const wb = await demoWorkbench();
    const { id, enterprise, officers } = await startIndustrial(wb);
    // 检查来源 is a legal element of the record (issue 19): none chosen, the record cannot be finalized.
    expect((await wb.call('inspections.get', { id })).problems.source).toBe('请选择检查来源（双随机、信访、督察交办、日常、专项）');
    await expect(wb.call('inspections.updateHeader', { id, patch: { source: '巡查' as never } })).rejects.toThrow('检查来源应为 双随机、信访、督察交办、日常、专项 之一');
    await completeIndustrial(wb, id, officers.map((o) => o.id));
    const draft = await wb.call('inspections.get', { id });
    expect(draft.problems).toEqual({});
    expect(draft.source).toBe('日常');
    const gps = draft.photos.find((p) => p.fileName === 'outlet-gps.jpg')!;
    expect(gps.takenAt).toBe('2026-11-20T10:12');
    expect(gps.lat).toBeCloseTo(25.9033, 3);
    expect(gps.lon).toBeCloseTo(115.06, 3);
    expect(draft.findings.map((f) => f.itemId)).toEqual(['outlets.sign']);
    expect(draft.findings[0].responsibleUnit).toBe(enterprise.name);

    const done = await wb.call('inspections.finalize', { id });
    expect(done.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(done.chainSeq).toBe(1);
    const record = await wb.call('inspections.get', { id });
    expect(record.state).toBe('finalized');
    expect(record.record?.sha256).toBe(done.sha256);
    expect(JSON.parse(wb.store.db.prepare('SELECT canonical FROM inspection_records WHERE inspection_id = ?').pluck().get(id) as string).source).toBe('日常');
    const findings = await wb.call('findings.list', { targetKind: 'enterprise', targetId: enterprise.id });
    expect(findings.rows.map((f) => [f.description, f.sourceId, f.state])).toEqual([['排放口未按 GB 15562.1 设置环境保护图形标志牌', id, 'open']]);
    const listed = await wb.call('inspections.list', { targetId: enterprise.id });
    expect(listed.rows[0]).toMatchObject({ id, state: 'finalized', failingCount: 1, templateCode: 'industrial' });
    expect(verifyWorkspace(wb.store.db, wb.store.blobDir).problems).toEqual([]);
  });

  it('refuses any change to a finalized record, in the service and in the database itself', async () => {
    const wb = await demoWorkbench();
    const { id, officers } = await startIndustrial(wb);
    await completeIndustrial(wb, id, officers.map((o) => o.id));
    await wb.call('inspections.finalize', { id });
    for (const [name, input] of [
      ['inspections.answer', { id, itemId: 'permit.held', value: 'no' }],
      ['inspections.updateHeader', { id, patch: { place: '别处' } }],
      ['inspections.addPhoto', { id, itemId: 'outlets.photo', base64: photoBase64('facility.jpg') }],
      ['inspections.finalize', { id }],
    ] as const) {
      const r = await wb.dispatch(name, input);
      expect(r.ok ? 'ok' : r.error.code).toBe('immutable');
    }
    expect(() => wb.store.db.prepare("UPDATE inspection_answers SET value = '\"no\"' WHERE inspection_id = ?").run(id)).toThrow(/immutable/);
    expect(() => wb.store.db.prepare("UPDATE inspections SET place = 'x' WHERE id = ?").run(id)).toThrow(/immutable/);
    expect(() => wb.store.db.prepare('UPDATE inspection_records SET sha256 = ? WHERE inspection_id = ?').run('0'.repeat(64), id)).toThrow(/immutable/);
    expect(() => wb.store.db.prepare('DELETE FROM inspection_records').run()).toThrow(/immutable/);
  });

  it('a correction is a new version that supersedes the old one; both are kept and chained', async () => {
    const wb = await demoWorkbench();
    const { id, officers } = await startIndustrial(wb);
    await completeIndustrial(wb, id, officers.map((o) => o.id));
    await wb.call('inspections.finalize', { id });
    const { id: fixed } = await wb.call('inspections.correct', { id, reason: '在场人电话记错' });
    const draft = await wb.call('inspections.get', { id: fixed });
    expect(draft).toMatchObject({ state: 'draft', supersedes: id, correctionReason: '在场人电话记错' });
    expect(draft.photos).toHaveLength(2);
    expect(Object.keys(draft.problems).filter((k) => k.startsWith('signature:'))).toHaveLength(4);
    await wb.call('inspections.updateHeader', { id: fixed, patch: { present: { phone: '13907970000' } } });
    const png = await signaturePng();
    for (const role of ['inspected', 'recorder', ...officers.map((o) => `officer:${o.id}`)]) await wb.call('inspections.sign', { id: fixed, role, signerName: '王建国', pngBase64: png });
    const second = await wb.call('inspections.finalize', { id: fixed });
    expect(second.chainSeq).toBe(2);
    expect((await wb.call('inspections.get', { id })).state).toBe('superseded');
    expect((await wb.call('inspections.get', { id })).supersededBy).toBe(fixed);
    expect((await wb.call('findings.list', { sourceId: fixed })).total + (await wb.call('findings.list', { sourceId: id })).total).toBe(1);
    expect(verifyWorkspace(wb.store.db, wb.store.blobDir).problems).toEqual([]);
  });

  it('answers bad input in Chinese, pointing at the item, and writes nothing', async () => {
    const wb = await demoWorkbench();
    const { id, officers } = await startIndustrial(wb);
    const fail = async (name: string, input: unknown) => {
      const r = await wb.dispatch(name, input);
      if (r.ok) throw new Error(`${name} should fail`);
      return r.error;
    };
    await wb.call('inspections.answer', { id, itemId: 'emissions.sampled', value: 'yes' });
    expect((await fail('inspections.answer', { id, itemId: 'emissions.cod', value: 'abc' })).details?.fields).toEqual({ 'emissions.cod': '外排口化学需氧量（COD）：读数应为数字' });
    expect((await fail('inspections.answer', { id, itemId: 'nope', value: 1 })).message).toContain('没有题目“nope”');
    expect((await fail('inspections.updateHeader', { id, patch: { officerIds: [officers[0].id, officers[0].id] } })).message).toContain('同一人不能两次作为检查人');
    await wb.call('inspections.updateHeader', { id, patch: { startedAt: '2026-11-20T10:00' } });
    expect((await fail('inspections.updateHeader', { id, patch: { endedAt: '2026-11-20T09:00' } })).message).toContain('结束时间应晚于开始时间');
    expect((await fail('inspections.addPhoto', { id, itemId: 'facilities.photo', fileName: 'not-an-image.jpg', base64: photoBase64('not-an-image.jpg') })).message).toContain('不是图片文件');
    const big = Buffer.alloc(50 * 1024 * 1024 + 1).toString('base64');
    expect((await fail('inspections.addPhoto', { id, itemId: 'facilities.photo', fileName: 'huge.jpg', base64: big })).message).toContain('超过 50 MB');
    await wb.call('inspections.updateHeader', { id, patch: { officerIds: [officers[0].id] } });
    const e = await fail('inspections.finalize', { id });
    expect(e.message).toMatch(/^还有 \d+ 处未完成，不能定稿/);
    expect(e.details?.fields?.officers).toBe('执法人员：还缺第二名执法人员（现场检查须两名以上执法人员）');
    expect(e.details?.fields?.['permit.held']).toBe('必答题尚未作答');
    const state = wb.store.db.prepare('SELECT state FROM inspections WHERE id = ?').pluck().get(id);
    expect(state).toBe('draft');
    expect(wb.store.db.prepare('SELECT count(*) FROM inspection_photos').pluck().get()).toBe(0);
    expect(wb.store.db.prepare('SELECT count(*) FROM inspection_records').pluck().get()).toBe(0);
  });

  it('verify names a byte altered in the database and in a blob file', async () => {
    const wb = await demoWorkbench();
    const { id, officers } = await startIndustrial(wb);
    await completeIndustrial(wb, id, officers.map((o) => o.id));
    await wb.call('inspections.finalize', { id });
    const photo = (await wb.call('inspections.get', { id })).photos[0];
    const { file, blobDir } = wb.store;
    wb.close();

    // One byte of the database file: the person present's name inside the signed record and answer rows.
    const bytes = readFileSync(file);
    const needle = Buffer.from('王建国');
    let at = bytes.indexOf(needle);
    expect(at).toBeGreaterThan(0);
    while (at >= 0) { bytes[at + 2] ^= 0x01; at = bytes.indexOf(needle, at + 1); }
    writeFileSync(file, bytes);
    // One byte of a photo file.
    const path = blobPath(blobDir, photo.sha256);
    const photoBytes = readFileSync(path);
    photoBytes[photoBytes.length - 10] ^= 0xff;
    writeFileSync(path, photoBytes);

    const db = new Database(file);
    try {
      const report = verifyWorkspace(db, blobDir);
      expect(report.problems.some((p) => p.kind === 'record' && p.id === id)).toBe(true);
      expect(report.problems.some((p) => p.kind === 'blob' && p.id === photo.sha256 && p.message.includes('已被改动'))).toBe(true);
    } finally { db.close(); }
  });

  it('seeds the built-in templates and keeps a used version unchanged: editing makes a new version', async () => {
    const wb = openWorkbench(undefined, 'system');
    const list = await wb.call('checklists.list', {});
    expect(list.map((t) => `${t.code}@${t.version}`).sort()).toEqual(['complaint-verification@1', 'construction-dust@1', 'construction-dust@2', 'industrial@1', 'industrial@2', 'outfall-survey@1', 'outfall-survey@2', 'recheck@1']);
    const t = await wb.call('checklists.get', { id: 'builtin:industrial@1' });
    const edited = { ...(t.definition as object), name: '工业企业现场检查表（本局修订）' };
    const { template } = await wb.call('checklists.newVersion', { fromId: t.id, json: JSON.stringify(edited) });
    expect(template).toMatchObject({ code: 'industrial', version: 3, basedOn: t.id, builtin: false }); // after the built-in version 2
    expect((await wb.call('checklists.get', { id: t.id })).name).toBe('工业企业现场检查表');
    expect(() => wb.store.db.prepare("UPDATE checklist_templates SET definition = '{}' WHERE id = ?").run(t.id)).toThrow(/immutable/);
    await wb.call('checklists.retire', { id: t.id, retired: true });
    expect((await wb.call('checklists.list', {})).some((x) => x.id === t.id)).toBe(false);
  });

  it('refuses a template JSON with an unknown item type or a visibleWhen naming a missing item, saying where', async () => {
    const wb = openWorkbench(undefined, 'system');
    const bad = {
      code: 'bad', version: 1, name: '坏模板', targetKinds: ['enterprise'],
      sections: [{ id: 's', title: '一', items: [
        { id: 'a', type: 'yesno', label: '甲' },
        { id: 'b', type: 'slider', label: '乙' },
        { id: 'c', type: 'text', label: '丙', visibleWhen: [{ item: 'zzz', equals: 'yes' }] },
      ] }],
    };
    const r = await wb.dispatch('checklists.import', { json: JSON.stringify(bad) });
    expect(r.ok).toBe(false);
    const message = r.ok ? '' : r.error.message;
    expect(message).toContain('第1节第2题（b）');
    expect(message).toContain('未知的题型');
    const r2 = await wb.dispatch('checklists.import', { json: JSON.stringify({ ...bad, sections: [{ ...bad.sections[0], items: [bad.sections[0].items[0], bad.sections[0].items[2]] }] }) });
    expect(r2.ok ? '' : r2.error.message).toContain('第1节第2题（c） 的 visibleWhen.0.item：显示条件引用的题目“zzz”不存在');
    const r3 = await wb.dispatch('checklists.import', { json: '{ not json' });
    expect(r3.ok ? '' : r3.error.message).toContain('不是有效的 JSON 文件');
    expect((await wb.call('checklists.list', {})).some((t) => t.code === 'bad')).toBe(false);
  });

  it('a person present who refuses to sign is recorded, and then a witness must sign', async () => {
    const wb = await demoWorkbench();
    const { id, officers } = await startIndustrial(wb);
    await completeIndustrial(wb, id, officers.map((o) => o.id));
    await wb.call('inspections.sign', { id, role: 'inspected', signerName: '王建国', refusedReason: '当事人拒绝签名' });
    const refused = await wb.call('inspections.get', { id });
    expect(refused.problems).toEqual({ 'signature:witness': '当事人拒绝签名的，须由见证人签名，或附上拒绝签名过程的录音录像' });
    const bad = await wb.dispatch('inspections.sign', { id, role: 'recorder', signerName: '记录人', refusedReason: '不签' });
    expect(bad.ok ? '' : bad.error.message).toBe('只有被检查单位现场负责人可以记录拒绝签名');
    await wb.call('inspections.sign', { id, role: 'witness', signerName: '村委会李四', pngBase64: await signaturePng() });
    await wb.call('inspections.finalize', { id });
    const record = await wb.call('inspections.get', { id });
    expect(record.signatures.find((s) => s.role === 'inspected')).toMatchObject({ sha256: null, refusedReason: '当事人拒绝签名' });
    expect(verifyWorkspace(wb.store.db, wb.store.blobDir).problems).toEqual([]);
  });

  it('a photo is attached to the checklist item it proves (issue 20), kept in the signed record with that item; not to a signature', async () => {
    const wb = await demoWorkbench();
    const { id, officers } = await startIndustrial(wb);
    await completeIndustrial(wb, id, officers.map((o) => o.id));
    const proof = await wb.call('inspections.addPhoto', { id, itemId: 'outlets.sign', fileName: 'sign.jpg', base64: photoBase64('facility.jpg') });
    expect(proof.itemId).toBe('outlets.sign');
    const sig = await wb.dispatch('inspections.addPhoto', { id, itemId: 'nope', fileName: 'x.jpg', base64: photoBase64('facility.jpg') });
    expect(sig.ok ? '' : sig.error.message).toContain('检查表中没有检查项');
    await wb.call('inspections.finalize', { id });
    const doc = JSON.parse(wb.store.db.prepare('SELECT canonical FROM inspection_records WHERE inspection_id = ?').pluck().get(id) as string) as { photos: { itemId: string | null }[] };
    expect(doc.photos.map((p) => p.itemId)).toContain('outlets.sign');
    expect(verifyWorkspace(wb.store.db, wb.store.blobDir).problems).toEqual([]);
  });
});
