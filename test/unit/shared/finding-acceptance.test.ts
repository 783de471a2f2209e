import { describe, expect, it } from 'vitest';
import type { RecordEvent } from '../../../shared/events/event';
import { allowedFindingActions } from '../../../shared/finding/actions';
import { foldFinding } from '../../../shared/finding/fold';

let n = 0;
const ev = (kind: string, at: string, data: Record<string, unknown> = {}, text = ''): RecordEvent =>
  ({ id: `e${++n}`, stream: 'finding', streamId: 'f', kind, hlc: String(n).padStart(6, '0'), author: 'a', authorName: 'a', at, text, data, blobs: [], flag: null });
const seed = { deadline: '2026-12-31', responsibleUnit: '某公司', responsiblePerson: '王' };
const toRecheck = () => [ev('created', '2026-10-01'), ev('submitted', '2026-10-20'), ev('rechecked', '2026-10-25', { passed: true })];

describe('验收 by level and 公示 objections (issue 19)', () => {
  it('a 督察交办 problem is accepted by the county, then reviewed by the city, before it is 已验收', () => {
    const required = ['county', 'city'];
    const county = foldFinding(seed, [...toRecheck(), ev('accepted', '2026-10-26', { level: 'county', unit: '县生态环境局', required })]);
    expect(county.state).toMatchObject({ state: 'rechecked', acceptances: [{ level: 'county', at: '2026-10-26', unit: '县生态环境局' }] });
    // Still offered: the city's review.
    expect(allowedFindingActions(county.state)).toContain('accepted');
    const before = toRecheck();
    const cityFirst = ev('accepted', '2026-10-26', { level: 'city', required });
    expect(foldFinding(seed, [...before, cityFirst]).flags.get(cityFirst.id)).toBe('须先经县级验收，再报市级复核');
    const both = foldFinding(seed, [...toRecheck(), ev('accepted', '2026-10-26', { level: 'county', required }), ev('accepted', '2026-11-02', { level: 'city', unit: '市生态环境局', required })]);
    expect(both.state).toMatchObject({ state: 'accepted', acceptedAt: '2026-11-02', acceptedBy: '市生态环境局' });
    // The county's own finding, and an acceptance recorded before levels existed, are whole at once.
    expect(foldFinding(seed, [...toRecheck(), ev('accepted', '2026-10-26', { level: 'county', required: ['county'] })]).state.state).toBe('accepted');
    expect(foldFinding(seed, [...toRecheck(), ev('accepted', '2026-10-26', { unit: '县生态环境局' })]).state.state).toBe('accepted');
  });

  it('an objection upheld during 公示 sends the problem back to 整改中, acceptance and 公示 to start over', () => {
    const events = [...toRecheck(), ev('accepted', '2026-10-26', {}), ev('notice_started', '2026-10-27', { days: 7 }), ev('objected', '2026-10-29', {}, '群众反映仍有异味'),
      ev('objection_handled', '2026-10-30', { upheld: true }, '核实属实')];
    const { state, flags } = foldFinding(seed, events);
    expect(flags.size).toBe(0);
    expect(state).toMatchObject({ state: 'rectifying', acceptances: [], noticeFrom: null, objectionPending: false, objections: 1 });
    const late = ev('objected', '2026-11-10', {}, '迟到的异议');
    const closed = foldFinding(seed, [...toRecheck(), ev('accepted', '2026-10-26', {}), ev('notice_started', '2026-10-27', { days: 7 }), ev('notice_ended', '2026-11-03'), late]);
    expect(closed.flags.get(late.id)).toContain('仅限公示期内');
  });
});
