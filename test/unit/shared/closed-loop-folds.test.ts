import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { foldCase } from '../../../shared/case/fold';
import { complaintOverdue, foldComplaint } from '../../../shared/complaint/fold';
import { addWorkdays, isWorkday } from '../../../shared/domain/calendar';
import type { RecordEvent } from '../../../shared/events/event';
import { allowedFindingActions } from '../../../shared/finding/actions';
import { foldFinding, initialFinding } from '../../../shared/finding/fold';
import { isOverdue } from '../../../shared/finding/states';
import { drawPlan, type DrawInput } from '../../../shared/plan/draw';

let n = 0;
const ev = (stream: RecordEvent['stream'], kind: string, at: string, data: Record<string, unknown> = {}, text = 'x'): RecordEvent =>
  ({ id: `e${++n}`, stream, streamId: 's', kind, hlc: `${(1000 + n).toString(16).padStart(12, '0')}-0000-a`, author: 'p', authorName: '', at, text, data, blobs: [], flag: null });
const seed = { deadline: '2026-03-01', responsibleUnit: '城关镇', responsiblePerson: '李四' };
const sha = (t: string) => createHash('sha256').update(t).digest('hex');

describe('finding fold (销号)', () => {
  const story = () => [
    ev('finding', 'created', '2026-01-01'), ev('finding', 'progress', '2026-01-10'), ev('finding', 'submitted', '2026-02-01'),
    ev('finding', 'rechecked', '2026-02-03', { passed: true, inspectionId: 'i1' }), ev('finding', 'accepted', '2026-02-04'),
    ev('finding', 'notice_started', '2026-02-05', { days: 14 }), ev('finding', 'notice_ended', '2026-02-19'),
    ev('finding', 'closed', '2026-02-20', { recheckAfterDays: 90 }),
  ];
  it('derives the same state from the same events in any arrival order (HLC order decides)', () => {
    const events = story();
    const a = foldFinding(seed, events);
    const b = foldFinding(seed, [...events].reverse());
    const c = foldFinding(seed, [events[3], events[0], events[7], events[1], events[5], events[2], events[6], events[4]]);
    expect(a.state).toMatchObject({ state: 'closed', closedAt: '2026-02-20', recheckDue: '2026-05-21', noticeTo: '2026-02-19' });
    expect(b.state).toEqual(a.state);
    expect(c.state).toEqual(a.state);
    expect(a.flags.size).toBe(0);
  });
  it('keeps an illegal event flagged without applying it, and 反弹 counts', () => {
    const events = [ev('finding', 'closed', '2026-01-02'), ...story(), ev('finding', 'rechecked', '2026-06-01', { passed: false, deadline: '2026-09-01' })];
    const { state, flags } = foldFinding(seed, events);
    expect(flags.get(events[0].id)).toContain('不能销号');
    expect(state).toMatchObject({ state: 'reopened', reopenCount: 1, closedAt: null, deadline: '2026-09-01' });
  });
  it('offers only the actions the state allows; overdue is derived', () => {
    expect(allowedFindingActions(initialFinding(seed))).toEqual(['assigned', 'progress', 'submitted', 'deadline_extended', 'comment']);
    const closed = foldFinding(seed, story()).state;
    expect(allowedFindingActions(closed)).toEqual(['rechecked', 'reopened', 'comment']);
    expect(isOverdue({ state: 'rectifying', deadline: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ state: 'closed', deadline: '2026-03-01' }, '2026-09-02')).toBe(false);
  });
});

describe('complaint fold (信访 limits)', () => {
  const limits = { receivedAt: '2026-01-05T10:00', acceptDays: 15, completeDays: 60, maxExtensionDays: 30 };
  it('counts accept and complete deadlines, allows one extension within the limit', () => {
    const accepted = ev('complaint', 'accepted', '2026-01-08');
    let f = foldComplaint(limits, [accepted]).state;
    expect(f).toMatchObject({ state: 'accepted', acceptBy: '2026-01-20', completeBy: '2026-03-09' });
    const over = ev('complaint', 'extended', '2026-02-01', { days: 31 });
    const ok = ev('complaint', 'extended', '2026-02-01', { days: 30 });
    const again = ev('complaint', 'extended', '2026-02-02', { days: 5 });
    const r = foldComplaint(limits, [accepted, over, ok, again]);
    expect(r.flags.get(over.id)).toBe('延长期限应为 1～30 天');
    expect(r.flags.get(again.id)).toBe('办理期限只能延长一次');
    f = r.state;
    expect(f.completeBy).toBe('2026-04-08');
    expect(complaintOverdue(f, '2026-04-09')).toBe('逾期未办结');
    expect(complaintOverdue(foldComplaint(limits, []).state, '2026-01-21')).toBe('逾期未受理');
  });
});

describe('working days and case publicity', () => {
  const cal = { holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-10-10'] };
  it('skips weekends and holidays, counts 调休 Saturdays', () => {
    expect(isWorkday('2026-10-10', cal)).toBe(true);
    expect(isWorkday('2026-10-03', cal)).toBe(false);
    // Decided on Wednesday 30 September: 7 working days → 8,9,10(Sat, 调休),12,13,14,15 October.
    expect(addWorkdays('2026-09-30', 7, cal)).toBe('2026-10-15');
    const filed = ev('case', 'filed', '2026-09-01', { number: '清环立字〔2026〕1号' });
    const decided = ev('case', 'decided', '2026-09-30', { kind: 'penalty', number: '清环罚〔2026〕1号', amount: 50000, legalBasis: '', content: '' });
    const { state } = foldCase(cal, [decided, filed]);
    expect(state).toMatchObject({ state: 'decided', publishBy: '2026-10-15' });
  });
});

describe('双随机 draw', () => {
  const input: DrawInput = {
    seed: '2026Q4', targets: Array.from({ length: 40 }, (_, i) => ({ id: `t${i}`, category: i < 8 ? '重点' : '一般' })),
    inspectors: ['a', 'b', 'c', 'd'], conflicts: [['a', 't0'], ['b', 't0']],
    quotas: { 重点: { mode: 'ratio', value: 0.25 }, 一般: { mode: 'count', value: 3 }, 特殊: { mode: 'count', value: 0 } },
  };
  it('is reproducible from the seed, different for another seed, and never draws a related inspector', () => {
    const a = drawPlan(input, sha);
    expect(drawPlan({ ...input, targets: [...input.targets].reverse() }, sha)).toEqual(a);
    expect(drawPlan({ ...input, seed: 'other' }, sha)).not.toEqual(a);
    if (typeof a === 'string') throw new Error(a);
    expect(a).toHaveLength(2 + 3);
    const all = drawPlan({ ...input, quotas: { ...input.quotas, 重点: { mode: 'ratio', value: 1 } } }, sha);
    if (typeof all === 'string') throw new Error(all);
    expect(all.find((t) => t.targetId === 't0')!.inspectorIds.sort()).toEqual(['c', 'd']);
    // The rule is checkable by hand: the first drawn 重点 target has the smallest SHA-256("seed|重点|id").
    const ranked = input.targets.filter((t) => t.category === '重点').map((t) => t.id).sort((x, y) => (sha(`2026Q4|重点|${x}`) < sha(`2026Q4|重点|${y}`) ? -1 : 1));
    expect(a[0].targetId).toBe(ranked[0]);
  });
  it('refuses a quota beyond the directory and a target with no eligible pair', () => {
    expect(drawPlan({ ...input, quotas: { ...input.quotas, 一般: { mode: 'count', value: 33 } } }, sha)).toBe('一般类抽取 33 家，超出名录中的 32 家');
    expect(drawPlan({ ...input, conflicts: [['a', 't0'], ['b', 't0'], ['c', 't0']], quotas: { ...input.quotas, 重点: { mode: 'ratio', value: 1 } } }, sha)).toContain('没有两名可抽取的执法人员');
  });
});
