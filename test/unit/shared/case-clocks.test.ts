import { describe, expect, it } from 'vitest';
import { caseClocks, clockState } from '../../../shared/case/clocks';
import { foldCase } from '../../../shared/case/fold';
import type { RecordEvent } from '../../../shared/events/event';

let n = 0;
const ev = (kind: string, at: string, data: Record<string, unknown> = {}, text = '', blobs: string[] = []): RecordEvent =>
  ({ id: `e${++n}`, stream: 'case', streamId: 'c', kind, hlc: String(n).padStart(6, '0'), author: 'a', authorName: 'a', at, text, data, blobs, flag: null });
const issued = (kind: string, seq: number, prev: string | null, sha: string) => ({ kind, number: kind === 'notice' ? '清环罚告〔2026〕1号' : '', canonical: '{}', sha256: sha.repeat(64), seq, prev, signer: 'u', signerKey: 'k', signature: 's' });

// The 2026 National Day holiday as the State Council arranged it: 10-01…10-07 off (10-03/04 a weekend), Saturday 10-10 worked (调休).
const cal = { holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-10-10'] };

describe('case clocks (行政处罚法; 生态环境行政处罚办法)', () => {
  it('立案 within 15 days of the clue, once 15 more; 决定 within 90 days of 立案, the first extension ≤ 30 days, a further one only collectively', () => {
    const events = [ev('filingExtended', '2026-09-05', { approver: '局长' }), ev('filed', '2026-09-20', { number: '立1' }),
      ev('decisionExtended', '2026-12-01', { days: 31, approver: '局长' }), ev('decisionExtended', '2026-12-01', { days: 30, approver: '局长' }),
      ev('decisionExtended', '2026-12-20', { days: 60, approver: '局长' }), ev('decisionExtended', '2026-12-20', { days: 60, approver: '局务会', collective: true })];
    const { state, flags } = foldCase(cal, events, '2026-09-01');
    expect(state).toMatchObject({ fileBy: '2026-10-01', filedAt: '2026-09-20', decisionExtensions: 2 });
    // 2026-09-20 + 90 = 2026-12-19; + 30 = 2027-01-18; + 60 = 2027-03-19.
    expect(state.decideBy).toBe('2027-03-19');
    expect([...flags.values()]).toEqual(['延长天数应为 1～30 天', '再次延期须经负责人集体讨论决定']);
  });

  it('陈述申辩 within 5 working days of the 告知书 skips the holiday and counts the 调休 Saturday; 缴款 15 days from service', () => {
    const events = [ev('filed', '2026-09-10', { number: '立1' }), ev('document', '2026-09-28', issued('notice', 1, null, 'a')),
      ev('served', '2026-09-29', { documentId: `e${n}`, method: '直接送达', servedAt: '2026-09-29T10:00', receiver: '赵', relation: '本人', server: '张' })];
    const { state, flags } = foldCase(cal, events, '2026-09-01');
    expect(flags.size).toBe(0);
    // Served Tuesday 09-29: 09-30 (1), 10-08 (2), 10-09 (3), 10-10 调休 (4), 10-12 (5).
    expect(state.statementBy).toBe('2026-10-12');
    const clocks = caseClocks(state);
    expect(clocks.find((c) => c.key === 'statement')).toMatchObject({ due: '2026-10-12', workdays: true });
    expect(clockState(clocks.find((c) => c.key === 'statement')!, '2026-10-13')).toBe('done');
    expect(clockState(clocks.find((c) => c.key === 'decide')!, '2026-12-10')).toBe('overdue');
  });

  it('refuses a document out of its chain, a second service, and 留置送达 without a witness or a recording', () => {
    n = 100;
    const filed = ev('filed', '2026-09-10', { number: '立1' });
    const notice = ev('document', '2026-09-28', issued('notice', 1, null, 'a'));
    const fork = ev('document', '2026-09-28', issued('order', 1, null, 'b'));
    const refused = ev('served', '2026-09-29', { documentId: notice.id, method: '留置送达', servedAt: '2026-09-29T10:00', refusedReason: '拒签', server: '张' });
    const recorded = ev('served', '2026-09-29', { documentId: notice.id, method: '留置送达', servedAt: '2026-09-29T10:00', refusedReason: '拒签', server: '张' }, '', ['f'.repeat(64)]);
    const again = ev('served', '2026-09-30', { documentId: notice.id, method: '邮寄送达', servedAt: '2026-09-30T10:00', reference: 'EMS1', server: '张' });
    const { flags } = foldCase(cal, [filed, notice, fork, refused, recorded, again], '2026-09-01');
    expect(flags.get(fork.id)).toContain('文书链断开');
    expect(flags.get(refused.id)).toContain('见证人');
    expect(flags.has(recorded.id)).toBe(false);
    expect(flags.get(again.id)).toContain('已于 2026-09-29 送达');
  });
});

describe('the 告知书 before the 决定书 (review of issue 19)', () => {
  const docOf = (kind: string, seq: number, prev: string | null, sha: string, amount: number | null, number = '') =>
    ({ ...issued(kind, seq, prev, sha), number, canonical: JSON.stringify({ fields: { amount } }) });

  it('a heavier fine than the notice told, a back-dated document and a decision not matching its 决定书 are refused; a penalty without a fine is fine', () => {
    n = 200;
    const filed = ev('filed', '2026-09-10', { number: '立1' });
    const notice = ev('document', '2026-09-20', docOf('notice', 1, null, 'a', 50000, '告1'));
    const served = ev('served', '2026-09-21', { documentId: notice.id, method: '直接送达', servedAt: '2026-09-21T10:00', receiver: '赵', relation: '本人', server: '张' });
    const approved = ev('approved', '2026-10-05', { kind: '负责人审查', approver: '局长' }, '同意');
    const backdated = ev('document', '2026-09-15', docOf('order', 2, 'a'.repeat(64), 'b', null, '改1'));
    const heavier = ev('document', '2026-10-10', docOf('penalty', 2, 'a'.repeat(64), 'c', 80000, '罚1'));
    const warning = ev('document', '2026-10-10', docOf('penalty', 2, 'a'.repeat(64), 'd', null, '罚2'));
    const mismatch = ev('decided', '2026-10-10', { kind: 'penalty', number: '罚2', amount: 10000, legalBasis: '', content: '', documentId: warning.id });
    const decided = ev('decided', '2026-10-10', { kind: 'penalty', number: '罚2', amount: null, legalBasis: '', content: '警告', documentId: warning.id });
    const { state, flags } = foldCase(cal, [filed, notice, served, approved, backdated, heavier, warning, mismatch, decided], '2026-09-01');
    expect(flags.get(backdated.id)).toContain('不能早于前一份文书的日期');
    expect(flags.get(heavier.id)).toContain('罚款不得高于告知书告知的金额（50000 元）');
    expect(flags.get(mismatch.id)).toBe('行政处罚决定与案卷中的《行政处罚决定书》不符');
    expect(flags.has(warning.id) || flags.has(decided.id)).toBe(false);
    expect(state).toMatchObject({ state: 'decided', decision: { kind: 'penalty', amount: null }, payBy: null });
  });

  it('公告送达 counts as served 30 days after publication; a new 告知书 served starts the party\'s time again', () => {
    n = 300;
    const filed = ev('filed', '2026-09-10', { number: '立1' });
    const notice = ev('document', '2026-09-20', docOf('notice', 1, null, 'a', 50000, '告1'));
    const published = ev('served', '2026-09-21', { documentId: notice.id, method: '公告送达', servedAt: '2026-09-21T10:00', reference: '县政府网站 2026-09-21', server: '张' });
    const statement = ev('statement', '2026-11-01', {}, '请求从轻');
    const again = ev('document', '2026-11-02', docOf('notice', 2, 'a'.repeat(64), 'b', 60000, '告2'));
    const servedAgain = ev('served', '2026-11-03', { documentId: again.id, method: '直接送达', servedAt: '2026-11-03T10:00', receiver: '赵', relation: '本人', server: '张' });
    const first = foldCase(cal, [filed, notice, published], '2026-09-01').state;
    // Published 09-21: deemed served 10-21 (Wed); 5 working days → 10-28.
    expect(first.documents[0].served?.at).toBe('2026-10-21');
    expect(first.statementBy).toBe('2026-10-28');
    const second = foldCase(cal, [filed, notice, published, statement, again, servedAgain], '2026-09-01').state;
    expect(second).toMatchObject({ statement: null, statementBy: '2026-11-10' });
  });
});
