import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEvent } from '../../electron/store/events';
import { refreshFinding } from '../../electron/services/findings/refresh';
import { demoWorkbench, loopWorkbench } from './helpers';
import { completeIndustrial, startIndustrial } from './inspection-helpers';

beforeEach(() => { process.env.QINGSHUI_TODAY = '2027-01-20'; });
afterEach(() => { delete process.env.QINGSHUI_TODAY; });

/** A finding raised by a real finalized inspection (the outlet sign missing). */
async function findingFromInspection() {
  const wb = await demoWorkbench();
  const { id, enterprise, officers } = await startIndustrial(wb);
  await completeIndustrial(wb, id, officers.map((o) => o.id));
  const { findingIds } = await wb.call('inspections.finalize', { id });
  return { wb, findingId: findingIds[0], enterprise, officers };
}

describe('a finding from inspection to close-out (销号) and back (反弹)', () => {
  it('follows rectification, re-check, acceptance, notice and close-out, then reopens on a failed re-check', async () => {
    const { wb, findingId, officers } = await findingFromInspection();
    let d = await wb.call('findings.get', { id: findingId });
    expect(d.finding.state).toBe('open');
    expect(d.events.map((e) => e.kind)).toEqual(['created']);
    expect(d.allowed).toContain('progress');
    expect(d.allowed).not.toContain('closed');

    // An action not allowed here is refused with the state named, and nothing is written.
    const before = wb.store.db.prepare('SELECT count(*) FROM record_events').pluck().get();
    await expect(wb.call('findings.act', { id: findingId, kind: 'accepted', at: '2026-12-01' })).rejects.toThrow('问题当前为“待整改”，不能验收');
    expect(wb.store.db.prepare('SELECT count(*) FROM record_events').pluck().get()).toBe(before);

    await wb.call('findings.act', { id: findingId, kind: 'assigned', at: '2026-11-21', data: { responsibleUnit: '城关镇人民政府', responsiblePerson: '李镇长' } });
    await wb.call('findings.act', { id: findingId, kind: 'progress', at: '2026-11-25', text: '已订制标识牌' });
    d = await wb.call('findings.act', { id: findingId, kind: 'submitted', at: '2026-12-01', text: '已安装标识牌，申请验收' });
    expect(d.finding).toMatchObject({ state: 'submitted', responsibleUnit: '城关镇人民政府', responsiblePerson: '李镇长', progress: '已订制标识牌' });

    // The re-check is an inspection of the same target, finalized.
    const recheck = await startIndustrial(wb);
    await completeIndustrial(wb, recheck.id, officers.map((o) => o.id));
    await wb.call('inspections.finalize', { id: recheck.id });
    await expect(wb.call('findings.act', { id: findingId, kind: 'rechecked', at: '2026-12-03', data: { inspectionId: 'nope', passed: true } })).rejects.toThrow('已定稿的现场检查记录');
    await wb.call('findings.act', { id: findingId, kind: 'rechecked', at: '2026-12-03', data: { inspectionId: recheck.id, passed: true } });
    // 验收 and 销号 by someone who neither found, rectified nor rechecked it (issue 18: separation of duties).
    await expect(wb.call('findings.act', { id: findingId, kind: 'accepted', at: '2026-12-04', data: { unit: '县生态环境局' } })).rejects.toThrow('职责分离');
    const [bureau] = await wb.call('people.list', { role: '局机关人员' });
    await wb.call('workspace.signIn', { personId: bureau.id });
    await wb.call('findings.act', { id: findingId, kind: 'accepted', at: '2026-12-04', data: { unit: '县生态环境局' } });
    d = await wb.call('findings.act', { id: findingId, kind: 'notice_started', at: '2026-12-05', data: { days: 14 } });
    expect(d.finding).toMatchObject({ state: 'noticed', noticeFrom: '2026-12-05', noticeTo: '2026-12-19' });
    await expect(wb.call('findings.act', { id: findingId, kind: 'notice_ended', at: '2026-12-10' })).rejects.toThrow('公示期至 2026-12-19 止，尚未期满');
    // An objection during 公示 (issue 19) holds the notice until dealt with; dismissed with a reason, 公示 goes on.
    await expect(wb.call('findings.act', { id: findingId, kind: 'objected', at: '2026-12-08' })).rejects.toThrow('请填写异议内容');
    await wb.call('findings.act', { id: findingId, kind: 'objected', at: '2026-12-08', text: '村民李某：标志牌位置不醒目' });
    await expect(wb.call('findings.act', { id: findingId, kind: 'notice_ended', at: '2026-12-19', text: '期满' })).rejects.toThrow('公示期间收到的异议尚未处理');
    await expect(wb.call('findings.act', { id: findingId, kind: 'objection_handled', at: '2026-12-09', data: { upheld: false } })).rejects.toThrow('异议不成立的，须写明理由');
    d = await wb.call('findings.act', { id: findingId, kind: 'objection_handled', at: '2026-12-09', text: '经现场核实，标志牌设置符合 GB 15562.1', data: { upheld: false } });
    expect(d.finding.state).toBe('noticed');
    await wb.call('findings.act', { id: findingId, kind: 'notice_ended', at: '2026-12-19', text: '异议已处理，公示期满' });
    // 销号 is signed off, with an opinion, by someone who neither rectified nor accepted it.
    await expect(wb.call('findings.act', { id: findingId, kind: 'closed', at: '2026-12-20', text: '同意销号' })).rejects.toThrow('职责分离：您参与了该问题的验收');
    const [, reviewer] = await wb.call('people.list', { role: '局机关人员' });
    await wb.call('workspace.signIn', { personId: reviewer.id });
    await expect(wb.call('findings.act', { id: findingId, kind: 'closed', at: '2026-12-20' })).rejects.toThrow('请填写销号审核意见');
    d = await wb.call('findings.act', { id: findingId, kind: 'closed', at: '2026-12-20', text: '整改到位，资料齐全，同意销号' });
    expect(d.finding).toMatchObject({ state: 'closed', closedAt: '2026-12-20', recheckDue: '2027-03-20', overdue: false });
    expect((await wb.call('findings.list', { recheckDueBy: '2027-03-31', limit: 500 })).rows.map((f) => f.id)).toContain(findingId);

    // 反弹: the re-check after close-out fails and the finding is open again, counted.
    d = await wb.call('findings.act', { id: findingId, kind: 'rechecked', at: '2027-01-10', data: { inspectionId: recheck.id, passed: false }, text: '标识牌被拆除' });
    expect(d.finding).toMatchObject({ state: 'reopened', reopenCount: 1, recheckDue: null });
    expect((await wb.call('findings.list', { reopened: true, limit: 500 })).rows.map((f) => f.id)).toContain(findingId);
    expect(d.events.map((e) => e.kind)).toEqual(['created', 'assigned', 'progress', 'submitted', 'rechecked', 'accepted', 'notice_started', 'objected', 'objection_handled', 'notice_ended', 'closed', 'rechecked']);
  });

  it('derives overdue from the deadline, refuses bad deadlines and extensions beyond the limit', async () => {
    const { wb, findingId } = await findingFromInspection();
    const f = (await wb.call('findings.get', { id: findingId })).finding;
    expect(f.deadline < '2027-01-20').toBe(true);
    expect(f.overdue).toBe(true);
    expect((await wb.call('findings.list', { overdue: true, limit: 500 })).rows.map((x) => x.id)).toContain(findingId);
    await expect(wb.call('findings.act', { id: findingId, kind: 'deadline_extended', data: { deadline: '2026-01-01' }, text: '等待材料' })).rejects.toThrow('不能早于问题发现日期');
    await expect(wb.call('findings.act', { id: findingId, kind: 'deadline_extended', data: { deadline: '2030-01-01' }, text: '等待材料' })).rejects.toThrow('延期超出上限');
    const d = await wb.call('findings.act', { id: findingId, kind: 'deadline_extended', data: { deadline: '2027-02-28' }, text: '设备采购周期' });
    expect(d.finding).toMatchObject({ deadline: '2027-02-28', overdue: false });
  });

  it('keeps an event that is illegal at its place in the log, flags it, and every replica folds the same', async () => {
    const { wb, findingId } = await findingFromInspection();
    // A remote 'closed' that arrived out of place (as sync would deliver it): kept, flagged, not applied.
    appendEvent(wb.store, 'remote-1', { stream: 'finding', streamId: findingId, kind: 'closed', at: '2026-12-01', text: '', data: {}, blobs: [] }, 'system');
    const { fold, events } = refreshFinding(wb.store, findingId);
    expect(fold.state).toBe('open');
    expect(events.find((e) => e.id === 'remote-1')?.flag).toContain('不能销号');
    expect((await wb.call('findings.get', { id: findingId })).finding.flagCount).toBe(1);
    // The log is append only, even for a bug in a service.
    expect(() => wb.store.db.prepare("DELETE FROM record_events WHERE id = 'remote-1'").run()).toThrow('immutable');
  });

  it('assigns in bulk, all or nothing', async () => {
    const wb = await loopWorkbench();
    const open = (await wb.call('findings.list', { state: 'open', limit: 3 })).rows;
    const closed = (await wb.call('findings.list', { state: 'closed', limit: 1 })).rows;
    expect(open.length).toBe(3);
    expect(closed.length).toBe(1);
    await expect(wb.call('findings.assign', { ids: [...open.map((f) => f.id), closed[0].id], responsibleUnit: '城关镇', responsiblePerson: '王五' })).rejects.toThrow('本次未交办任何问题');
    expect((await wb.call('findings.list', { responsiblePerson: '王五', limit: 10 })).total).toBe(0);
    expect(await wb.call('findings.assign', { ids: open.map((f) => f.id), responsibleUnit: '城关镇', responsiblePerson: '王五' })).toMatchObject({ assigned: 3 });
    expect((await wb.call('findings.list', { responsiblePerson: '王五', limit: 10 })).total).toBe(3);
  });
});
