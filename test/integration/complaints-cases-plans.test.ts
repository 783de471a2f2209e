import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loopWorkbench } from './helpers';
import { DEMO_ENV } from './cli-env';

const BIN = join(__dirname, '..', '..', 'bin', 'qingshui.cjs');
beforeEach(() => { process.env.QINGSHUI_TODAY = '2026-11-28'; });
afterEach(() => { delete process.env.QINGSHUI_TODAY; });

describe('complaints (信访)', () => {
  it('refuses a complaint with no channel or content, and writes nothing', async () => {
    const wb = await loopWorkbench(20);
    const before = (await wb.call('complaints.list', {})).total;
    await expect(wb.call('complaints.create', { receivedAt: '2026-11-20T09:00', content: '', categories: ['水'] } as never)).rejects.toThrow(/请选择来源渠道.*请填写投诉内容/);
    await expect(wb.call('complaints.create', { channel: '来信', receivedAt: '2026-11-20T09:00', content: '河水发黑', categories: [] })).rejects.toThrow('请至少选择一个污染类别');
    expect((await wb.call('complaints.list', {})).total).toBe(before);
  });

  it('tracks the legal deadlines, hides complainants from those without the right, in lists and ledgers', async () => {
    const wb = await loopWorkbench(20);
    const d = await wb.call('complaints.create', { channel: '12369电话', receivedAt: '2026-11-01T09:00', complainantName: '张三', complainantPhone: '13912345678', content: '夜间偷排废水', categories: ['水', '大气'] });
    expect(d.complaint).toMatchObject({ number: expect.stringMatching(/^2026-\d{4}$/), acceptBy: '2026-11-16', overdue: '逾期未受理', complainantName: '张三' });
    expect((await wb.call('complaints.list', { overdue: true })).rows.map((c) => c.id)).toContain(d.complaint.id);
    await expect(wb.call('complaints.act', { id: d.complaint.id, kind: 'concluded', data: { result: { outcome: '办结' } } })).rejects.toThrow('信访件当前为“待受理”，不能办结');
    await wb.call('complaints.act', { id: d.complaint.id, kind: 'accepted', at: '2026-11-20' });
    const e = await wb.call('complaints.act', { id: d.complaint.id, kind: 'extended', at: '2026-11-21', text: '需监测', data: { days: 30 } });
    expect(e.complaint).toMatchObject({ state: 'accepted', completeBy: '2027-02-18', overdue: null });
    await expect(wb.call('complaints.act', { id: d.complaint.id, kind: 'extended', at: '2026-11-22', text: '再延', data: { days: 5 } })).rejects.toThrow('办理期限只能延长一次');

    // An inspector without the right sees 张** in lists and in the exported ledger.
    const [inspector] = await wb.call('people.list', { role: '执法人员' });
    await wb.call('workspace.signIn', { personId: inspector.id });
    const seen = await wb.call('complaints.get', { id: d.complaint.id });
    expect(seen.complaint).toMatchObject({ complainantName: '张**', complainantPhone: '139****5678', complainantVisible: false });
    const { file } = await wb.call('ledgers.export', { ledgerId: 'complaints', filters: {} });
    const path = join(wb.dataDir, 'exports', file.name);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const cells: unknown[] = [];
    book.worksheets[0].eachRow((r) => r.eachCell((c) => cells.push(c.value)));
    // An exported ledger never carries the complainant's name, not even masked (issue 19): only that one was given.
    expect(cells).toContain('实名（姓名不导出）');
    expect(cells.some((c) => typeof c === 'string' && c.startsWith('张'))).toBe(false);
  });
});

describe('complaints: 复查 and 复核 (issue 19)', () => {
  it('keeps each its own 30-day clock, listed as 逾期 when the opinion is late, and offers a request only within its 30 days', async () => {
    const wb = await loopWorkbench(20);
    const { complaint: c } = await wb.call('complaints.create', { channel: '来信', receivedAt: '2026-09-01T09:00', content: '河道有异味', categories: ['水'] });
    await wb.call('complaints.act', { id: c.id, kind: 'accepted', at: '2026-09-02' });
    await wb.call('complaints.act', { id: c.id, kind: 'replied', at: '2026-09-20', text: '经核查未发现违法排放' });
    const done = await wb.call('complaints.act', { id: c.id, kind: 'concluded', at: '2026-09-20', data: { result: { outcome: '办结', rectification: false, penaltyAmount: null, interview: false, accountablePeople: 0 } } });
    // Today (11-28) is past 30 days from the answer: a 复查 request is no longer offered, and one entered late is refused.
    expect(done.allowed).not.toContain('reviewRequested');
    await expect(wb.call('complaints.act', { id: c.id, kind: 'reviewRequested', at: '2026-10-21', text: '不服' })).rejects.toThrow('复查请求应在收到答复之日起 30 日内提出');
    const asked = await wb.call('complaints.act', { id: c.id, kind: 'reviewRequested', at: '2026-10-10', text: '不服答复，要求复查', data: { body: '市生态环境局' } });
    expect(asked.complaint).toMatchObject({ reviewStage: '复查', reviewDue: '2026-11-09', overdue: '逾期未复查' });
    expect((await wb.call('complaints.list', { overdue: true })).rows.map((x) => x.id)).toContain(c.id);
    const reviewed = await wb.call('complaints.act', { id: c.id, kind: 'reviewed', at: '2026-11-20', text: '维持原答复意见' });
    expect(reviewed.complaint).toMatchObject({ reviewStage: null, overdue: null });
    expect(reviewed.allowed).toContain('recheckRequested');
    expect(reviewed.review).toEqual({ requestedAt: '2026-10-10', dueBy: '2026-11-09', answeredAt: '2026-11-20' });
  });
});

describe('cases (查处)', () => {
  it('opens a case from a finding, and counts publicity in working days', async () => {
    const wb = await loopWorkbench(20);
    await wb.call('workspace.updateSettings', { holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-10-10'] });
    const [finding] = (await wb.call('findings.list', { targetKind: 'enterprise', limit: 1 })).rows;
    const draft = await wb.call('cases.draftFrom', { kind: 'finding', id: finding.id });
    expect(draft).toMatchObject({ sourceKind: 'finding', sourceId: finding.id, targetId: finding.targetId, facts: finding.description });
    const c = await wb.call('cases.create', { ...draft, openedAt: '2026-09-20' });
    await expect(wb.call('cases.act', { id: c.case.id, kind: 'decided', at: '2026-09-30', data: { kind: 'other', number: '清环不罚〔2026〕9号', amount: null } })).rejects.toThrow('须先立案');
    await wb.call('cases.act', { id: c.case.id, kind: 'filed', at: '2026-09-21', data: { number: '清环立字〔2026〕9号' } });
    // A penalty is decided by a 处罚决定书 only (case-file.test.ts); another decision (不予处罚) is published within 20 working days.
    await expect(wb.call('cases.act', { id: c.case.id, kind: 'decided', at: '2026-09-30', data: { kind: 'penalty', number: '清环罚〔2026〕9号', amount: '50000' } })).rejects.toThrow('须制作《行政处罚决定书》');
    const d = await wb.call('cases.act', { id: c.case.id, kind: 'decided', at: '2026-09-30', data: { kind: 'other', number: '清环不罚〔2026〕9号', amount: null, legalBasis: '《行政处罚法》第三十三条', content: '违法行为轻微并及时改正，不予处罚' } });
    expect(d.case).toMatchObject({ state: 'decided', publishBy: '2026-11-03', penaltyAmount: null, publicityOverdue: true });
    expect((await wb.call('cases.list', { publicityOverdue: true })).rows.map((x) => x.id)).toContain(c.case.id);
    expect((await wb.call('cases.act', { id: c.case.id, kind: 'published', at: '2026-10-14' })).case).toMatchObject({ state: 'published', publicityOverdue: false });
  });
});

describe('双随机 plans', () => {
  it('draws with a seed, verifies, detects tampering, hides the draw until release, and gives inspectors their tasks', async () => {
    const wb = await loopWorkbench(20);
    const dir = await wb.call('plans.directory', {});
    await expect(wb.call('plans.create', { name: '测试', matter: '排污许可', periodFrom: '2026-12-01', periodTo: '2026-12-31', quotas: { 重点: { mode: 'count', value: dir.counts.重点 + 1 }, 一般: { mode: 'count', value: 0 }, 特殊: { mode: 'count', value: 0 } } }))
      .rejects.toThrow(`重点类抽取 ${dir.counts.重点 + 1} 家，超出名录中的 ${dir.counts.重点} 家`);
    const plan = await wb.call('plans.create', { name: '测试', matter: '排污许可', periodFrom: '2026-12-01', periodTo: '2026-12-31', quotas: { 重点: { mode: 'ratio', value: 0.2 }, 一般: { mode: 'count', value: 5 }, 特殊: { mode: 'count', value: 0 } } });
    const drawn = await wb.call('plans.draw', { id: plan.id, seed: 'abc' });
    expect(drawn).toMatchObject({ state: 'drawn', seed: 'abc', taskCount: Math.ceil(dir.counts.重点 * 0.2) + 5 });
    const { tasks } = await wb.call('plans.get', { id: plan.id });
    const conflicts = new Set(dir.conflicts.map((c) => `${c.personId}|${c.targetId}`));
    for (const t of tasks) for (const p of t.inspectors) expect(conflicts.has(`${p.id}|${t.targetId}`)).toBe(false);
    expect(await wb.call('plans.verify', { id: plan.id })).toMatchObject({ ok: true, seed: 'abc', problems: [] });
    await expect(wb.call('plans.draw', { id: plan.id, seed: 'again' })).rejects.toThrow('不能重抽');

    // A swapped inspector in the stored result is caught by recomputation.
    wb.store.db.prepare("UPDATE plan_tasks SET inspector_ids = json_array('x', 'y') WHERE plan_id = ? AND order_no = 1").run(plan.id);
    const v = await wb.call('plans.verify', { id: plan.id });
    expect(v.ok).toBe(false);
    expect(v.problems[0]).toContain('第 1 项任务与重算结果不同');
    await expect(wb.call('plans.release', { id: plan.id })).rejects.toThrow('复核未通过');
    wb.store.db.prepare('UPDATE plan_tasks SET inspector_ids = ? WHERE plan_id = ? AND order_no = 1').run(JSON.stringify(tasks[0].inspectors.map((p) => p.id)), plan.id);
    // The seed and the snapshot are frozen once drawn.
    expect(() => wb.store.db.prepare("UPDATE plans SET seed = 'x' WHERE id = ?").run(plan.id)).toThrow('immutable');

    const inspectorId = tasks[0].inspectors[0].id;
    await wb.call('workspace.signIn', { personId: inspectorId });
    expect(await wb.call('plans.get', { id: plan.id })).toMatchObject({ hidden: true, tasks: [] });
    expect((await wb.call('plans.myTasks', {})).filter((t) => t.planId === plan.id)).toEqual([]);
    await expect(wb.call('plans.release', { id: plan.id })).rejects.toThrow('只有局机关人员');
    const [bureau] = await wb.call('people.list', { role: '局机关人员' });
    await wb.call('workspace.signIn', { personId: bureau.id });
    await wb.call('plans.release', { id: plan.id });
    await wb.call('workspace.signIn', { personId: inspectorId });
    expect((await wb.call('plans.myTasks', {})).filter((t) => t.planId === plan.id).map((t) => t.targetId)).toContain(tasks[0].targetId);
  });
});

describe('dashboard and CLI', () => {
  it('counts agree with the lists they click through to; the CLI lists findings by state and verifies plans', async () => {
    const wb = await loopWorkbench(60);
    const d = await wb.call('dashboard.get', {});
    expect(d.findings.overdue).toBe((await wb.call('findings.list', { overdue: true })).total);
    expect(d.findings.reopened).toBe((await wb.call('findings.list', { reopened: true })).total);
    expect(d.complaints.overdue).toBe((await wb.call('complaints.list', { overdue: true })).total);
    const town = d.byTown[0];
    expect(town.total).toBe((await wb.call('findings.list', { townCode: town.key || undefined, limit: 1 })).total);
    const ws = d.byWatershed.find((x) => x.key)!;
    expect(ws.total).toBe((await wb.call('findings.list', { watershedId: ws.key, limit: 1 })).total);
    expect(d.trend).toHaveLength(12);
    const dataDir = wb.dataDir;
    const states = await wb.call('workspace.stats', {});
    wb.close();
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...DEMO_ENV, QINGSHUI_TODAY: '2026-11-28' } });
    const closed = JSON.parse(cli('findings', '--data', dataDir, '--json', '--state', 'closed').stdout);
    expect(closed.total).toBe(states.findingsByState.closed);
    expect(closed.rows.every((f: { state: string }) => f.state === 'closed')).toBe(true);
    const bad = cli('findings', '--data', dataDir, '--state', 'done');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--state 应为 open（待整改）');
    const stats = JSON.parse(cli('stats', '--data', dataDir, '--json').stdout);
    expect(Object.keys(stats.findingsByState)).toEqual(['open', 'rectifying', 'submitted', 'rechecked', 'accepted', 'noticed', 'closed', 'reopened']);
    const draw = JSON.parse(cli('plan', 'draw', '--data', dataDir, '--seed', 's1', '--key', '10%', '--general', '2', '--json').stdout);
    expect(draw).toMatchObject({ seed: 's1', state: 'drawn' });
    const verify = cli('plan', 'verify', draw.planId, '--data', dataDir, '--json');
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, seed: 's1', sha256: draw.sha256 });
    const tooMany = cli('plan', 'draw', '--data', dataDir, '--seed', 's2', '--general', '100000');
    expect(tooMany.status).toBe(1);
    expect(tooMany.stderr).toContain('超出名录');
  });
});

describe('the loop around a complaint', () => {
  it('verifies a complaint by an inspection, raises a finding from it, opens a case that is transferred and published', async () => {
    const wb = await loopWorkbench(40);
    const inspection = wb.store.db.prepare("SELECT id, target_id AS targetId, target_name AS name, substr(started_at, 1, 10) AS day FROM inspections WHERE state = 'finalized' AND target_kind = 'enterprise' ORDER BY started_at DESC LIMIT 1").get() as { id: string; targetId: string; name: string; day: string };
    const c = await wb.call('complaints.create', { channel: '来访', receivedAt: `${inspection.day}T08:00`, content: '废水直排', categories: ['水'], targetKind: 'enterprise', targetId: inspection.targetId, targetName: inspection.name });
    await wb.call('complaints.act', { id: c.complaint.id, kind: 'accepted', at: inspection.day });
    await expect(wb.call('complaints.act', { id: c.complaint.id, kind: 'verified', at: inspection.day, data: { inspectionId: 'none' } })).rejects.toThrow('已定稿的现场检查记录');
    const v = await wb.call('complaints.act', { id: c.complaint.id, kind: 'verified', at: inspection.day, text: '属实', data: { inspectionId: inspection.id } });
    expect(v.verifiedInspectionId).toBe(inspection.id);
    expect(v.inspections.map((i) => i.id)).toContain(inspection.id);
    const f = await wb.call('findings.create', {
      number: null, sourceKind: 'complaint', sourceId: c.complaint.id, description: '废水直排', townCode: (await wb.call('places.regions', {})).find((r) => r.level === 'town')!.code,
      targetKind: 'enterprise', targetId: inspection.targetId, targetName: inspection.name, goal: '', measures: '封堵暗管', responsibleUnit: inspection.name, partnerUnits: '', leader: '',
      responsiblePerson: '王五', deadline: '2026-12-31', foundAt: inspection.day, legalBasis: '', deadlineBand: 'immediate',
    });
    expect(f.finding).toMatchObject({ sourceKind: 'complaint', state: 'open' });
    expect(f.finding.industrySection).not.toBeUndefined();
    await expect(wb.call('findings.create', { ...f.finding, number: null, sourceId: null, deadline: '2020-01-01' } as never)).rejects.toThrow('不能早于发现日期');
    const k = await wb.call('cases.create', await wb.call('cases.draftFrom', { kind: 'complaint', id: c.complaint.id }));
    expect((await wb.call('complaints.get', { id: c.complaint.id })).caseIds).toEqual([k.case.id]);
    await wb.call('cases.act', { id: k.case.id, kind: 'filed', data: { number: '清环立字〔2026〕88号' } });
    await wb.call('cases.act', { id: k.case.id, kind: 'decided', data: { kind: 'other', number: '清环责改〔2026〕88号', legalBasis: '', content: '责令改正' } });
    const t = await wb.call('cases.act', { id: k.case.id, kind: 'transferred', text: '涉嫌污染环境罪', data: { to: '清水县公安局' } });
    expect(t.case.transferredAt).not.toBeNull();
    const p = await wb.call('cases.act', { id: k.case.id, kind: 'published' });
    expect(p.case.state).toBe('published');
    expect(p.allowed).toContain('closed');
  });

  it('rebuilds every finding cache from the events (after a sync or a damaged cache)', async () => {
    const wb = await loopWorkbench(40);
    const before = wb.store.db.prepare('SELECT id, state, deadline, closed_at, reopen_count FROM findings ORDER BY id').all();
    wb.store.db.prepare("UPDATE findings SET state = 'open', closed_at = NULL, reopen_count = 0").run();
    const { refoldAllFindings } = await import('../../electron/services/findings/refold');
    const r = refoldAllFindings(wb.store);
    expect(r.findings).toBe(before.length);
    expect(r.flagged).toBe(0);
    expect(wb.store.db.prepare('SELECT id, state, deadline, closed_at, reopen_count FROM findings ORDER BY id').all()).toEqual(before);
  });
});
