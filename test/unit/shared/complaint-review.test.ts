import { describe, expect, it } from 'vitest';
import { complaintOverdue, foldComplaint, pendingReview } from '../../../shared/complaint/fold';
import type { RecordEvent } from '../../../shared/events/event';

let n = 0;
const ev = (kind: string, at: string, text = '意见', data: Record<string, unknown> = {}): RecordEvent =>
  ({ id: `e${++n}`, stream: 'complaint', streamId: 'c', kind, hlc: String(n).padStart(6, '0'), author: 'a', authorName: 'a', at, text, data, blobs: [], flag: null });
const seed = { receivedAt: '2026-08-01T09:00', acceptDays: 15, completeDays: 60, maxExtensionDays: 30 };

describe('复查 and 复核 (信访工作条例 2022 第三十五条、第三十六条)', () => {
  const answered = [ev('accepted', '2026-08-03'), ev('replied', '2026-08-20', '经核查，已责令整改'), ev('concluded', '2026-08-20', '', { result: { outcome: '办结' } })];

  it('a 复查 is asked within 30 days of the answer and answered within 30; a 复核 within 30 days of that, answered within 30', () => {
    const { state, flags } = foldComplaint(seed, [...answered, ev('reviewRequested', '2026-09-19', '不服答复'), ev('reviewed', '2026-10-15', '维持原答复意见'),
      ev('recheckRequested', '2026-11-14', '不服复查意见')]);
    expect(flags.size).toBe(0);
    expect(state.review).toEqual({ requestedAt: '2026-09-19', dueBy: '2026-10-19', answeredAt: '2026-10-15' });
    expect(pendingReview(state)).toEqual({ stage: '复核', dueBy: '2026-12-14' });
    expect(complaintOverdue({ ...state, reviewStage: '复核', reviewDue: '2026-12-14' }, '2026-12-15')).toBe('逾期未复核');
  });

  it('refuses a late request, a second one, a 复查 before any answer and an opinion with no text', () => {
    const accepted = ev('accepted', '2026-08-03');
    const early = ev('reviewRequested', '2026-08-10');
    const replied = [ev('replied', '2026-08-20', '经核查，已责令整改'), ev('concluded', '2026-08-20', '', { result: { outcome: '办结' } })];
    const late = ev('reviewRequested', '2026-09-20');
    const first = foldComplaint(seed, [accepted, early, ...replied, late]);
    expect(first.flags.get(early.id)).toBe('须先书面答复信访人，方可请求复查');
    expect(first.flags.get(late.id)).toBe('复查请求应在收到答复之日起 30 日内提出（答复于 2026-08-20）');
    const ok = ev('reviewRequested', '2026-09-01');
    const again = ev('reviewRequested', '2026-09-02');
    const blank = ev('reviewed', '2026-09-10', '  ');
    const second = foldComplaint(seed, [...answered, ok, again, blank]);
    expect(second.flags.get(again.id)).toContain('复查只能请求一次');
    expect(second.flags.get(blank.id)).toBe('请填写复查意见');
    expect(second.flags.has(ok.id)).toBe(false);
  });
});
