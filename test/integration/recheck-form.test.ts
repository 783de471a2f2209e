import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecheckRow } from '../../shared/checklist/recheck';
import { loopWorkbench } from './helpers';
import { photoBase64, signaturePng } from './inspection-helpers';

beforeEach(() => { process.env.QINGSHUI_TODAY = '2026-11-28'; });
afterEach(() => { delete process.env.QINGSHUI_TODAY; });

describe('复查: the short form that drives the problems (issue 19)', () => {
  it('lists the target\'s open problems, must cover each, refuses another target\'s, and moves each problem on when finalized', async () => {
    const wb = await loopWorkbench(60);
    // An enterprise with a problem waiting for its re-check and another still open.
    const rows = (await wb.call('findings.list', { targetKind: 'enterprise', limit: 500 })).rows;
    const target = rows.map((f) => f.targetId!).find((t) => rows.some((f) => f.targetId === t && f.state === 'submitted') && rows.some((f) => f.targetId === t && ['open', 'rectifying', 'reopened'].includes(f.state)))!;
    expect(target).toBeTruthy();
    const officers = (await wb.call('people.list', { role: '执法人员' })).filter((p) => p.certificateNo).slice(0, 2).map((p) => p.id);
    const [inspector] = (await wb.call('people.list', { role: '执法人员' })).filter((p) => p.id === officers[0]);
    await wb.call('workspace.signIn', { personId: inspector.id });
    const { id } = await wb.call('inspections.start', { templateId: 'builtin:recheck@1', targetKind: 'enterprise', targetId: target, officerIds: officers, source: '日常' });
    const draft = await wb.call('inspections.get', { id });
    const open = draft.openProblems;
    expect(open.length).toBeGreaterThan(1);
    expect(draft.problems['recheck.problems']).toBe(`还有 ${open.length} 个未销号问题没有复查`);

    // Another enterprise's problem is refused; a row without its note when not 已整改 too.
    const other = rows.find((f) => f.targetId !== target && f.state !== 'closed')!;
    await expect(wb.call('inspections.answer', { id, itemId: 'recheck.problems', value: [{ findingId: other.id, description: other.description, result: '已整改', note: '' }] }))
      .rejects.toThrow('不是本检查对象未销号的问题');
    const submitted = open.find((f) => f.state === 'submitted')!;
    const still = open.find((f) => ['open', 'rectifying', 'reopened'].includes(f.state))!;
    await expect(wb.call('inspections.answer', { id, itemId: 'recheck.problems', value: [{ findingId: still.id, description: still.description, result: '未整改', note: '' }] }))
      .rejects.toThrow('未整改：请写明现场情况');
    const partial: RecheckRow[] = [{ findingId: submitted.id, description: submitted.description, result: '已整改', note: '已安装标志牌' }];
    const half = await wb.call('inspections.answer', { id, itemId: 'recheck.problems', value: partial });
    expect(half.problems['recheck.problems']).toMatch(/^还有 \d+ 个未销号问题没有复查$/);
    const all: RecheckRow[] = open.map((f) => ({ findingId: f.id, description: f.description, result: f.id === submitted.id ? '已整改' : '未整改', note: f.id === submitted.id ? '已安装标志牌' : '设施仍未修复' }));
    await wb.call('inspections.answer', { id, itemId: 'recheck.problems', value: all });

    await wb.call('inspections.updateHeader', { id, patch: { startedAt: '2026-11-27T09:30', endedAt: '2026-11-27T10:10', recorderId: officers[1], place: '厂区', present: { name: '王建国', idNumber: '360799198001010015' }, recusal: '不申请回避' } });
    await wb.call('inspections.addPhoto', { id, itemId: 'recheck.photo', fileName: 'sign.png', base64: photoBase64('sign-board.png') });
    const png = await signaturePng();
    await wb.call('inspections.sign', { id, role: 'inspected', signerName: '王建国', pngBase64: png });
    for (const o of officers) await wb.call('inspections.sign', { id, role: `officer:${o}`, signerName: '检查人', pngBase64: png });
    await wb.call('inspections.sign', { id, role: 'recorder', signerName: '记录人', pngBase64: png });
    expect((await wb.call('inspections.get', { id })).problems).toEqual({});
    await wb.call('inspections.finalize', { id });

    // The problem waiting for its re-check passed it (by this 复查); the one still open has the result as progress.
    const passed = await wb.call('findings.get', { id: submitted.id });
    expect(passed.finding.state).toBe('rechecked');
    expect(passed.events.at(-1)).toMatchObject({ kind: 'rechecked', data: { inspectionId: id, passed: true }, text: '现场复查（已整改）：已安装标志牌' });
    const notYet = await wb.call('findings.get', { id: still.id });
    expect(notYet.finding.state).toBe('rectifying');
    expect(notYet.events.at(-1)).toMatchObject({ kind: 'progress', text: '现场复查（未整改）：设施仍未修复' });
    // The signed record states every problem and its result.
    const canonical = JSON.parse(wb.store.db.prepare('SELECT canonical FROM inspection_records WHERE inspection_id = ?').pluck().get(id) as string) as { answers: { itemId: string; text: string }[] };
    expect(canonical.answers.find((a) => a.itemId === 'recheck.problems')!.text).toContain(`${submitted.description}：已整改（已安装标志牌）`);
  });
});
