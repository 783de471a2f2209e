import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EnforcementDocument } from '../../shared/enforcement/document';
import { printedDocument } from '../../shared/enforcement/text';
import { loopWorkbench } from './helpers';

beforeEach(() => { process.env.QINGSHUI_TODAY = '2026-11-28'; });
afterEach(() => { delete process.env.QINGSHUI_TODAY; });

const clock = (d: { case: { clocks: { key: string; due: string; done: string | null; state: string }[] } }, key: string) => d.case.clocks.find((c) => c.key === key);

describe('a case file (案卷): statutory clocks and enforcement documents (issue 19)', () => {
  it('runs 立案 → 询问 → 责令改正 → 告知 → 陈述申辩/听证 → 处罚决定 → 送达 on the statutory clocks, each document frozen, signed and chained', async () => {
    const wb = await loopWorkbench(20);
    // 2026 National Day: 10-01…10-07 off, Saturday 10-10 a working day (国办发明电〔2025〕 arrangement as entered).
    await wb.call('workspace.updateSettings', {
      holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-10-10'],
      documentPrefixes: { order: '测环责改', notice: '测环罚告', penalty: '测环罚' }, courtName: '清水县人民法院', paymentAccount: '清水县财政局非税收入汇缴结算户（电子缴款）',
    });
    // The demo county's penalties went through 告知书, review and 决定书: none of their events is out of place.
    for (const row of (await wb.call('cases.list', {})).rows) expect((await wb.call('cases.get', { id: row.id })).events.filter((e) => e.flag).map((e) => e.flag)).toEqual([]);
    const [finding] = (await wb.call('findings.list', { targetKind: 'enterprise', limit: 1 })).rows;
    const c = await wb.call('cases.create', { ...(await wb.call('cases.draftFrom', { kind: 'finding', id: finding.id })), openedAt: '2026-09-20' });
    const id = c.case.id;
    expect(clock(c, 'file')).toMatchObject({ due: '2026-10-05', done: null, state: 'overdue' });

    // 立案审查: one extension of 15 days, with the approving head named.
    await expect(wb.call('cases.act', { id, kind: 'filingExtended', at: '2026-09-25', text: '需补充材料', data: {} })).rejects.toThrow('请填写批准延长的负责人');
    expect(clock(await wb.call('cases.act', { id, kind: 'filingExtended', at: '2026-09-25', text: '需补充材料', data: { approver: '王局长' } }), 'file')).toMatchObject({ due: '2026-10-20' });
    await expect(wb.call('cases.act', { id, kind: 'filingExtended', at: '2026-09-26', text: '再延', data: { approver: '王局长' } })).rejects.toThrow('只能延长一次');
    const filed = await wb.call('cases.act', { id, kind: 'filed', at: '2026-10-09', data: { number: '清环立字〔2026〕9号' } });
    expect(clock(filed, 'file')).toMatchObject({ done: '2026-10-09', state: 'done' });
    expect(clock(filed, 'decide')).toMatchObject({ due: '2027-01-07', state: 'open' });

    // A penalty is decided only by a 处罚决定书, and only after the 告知书 was served and the party was heard.
    await expect(wb.call('cases.act', { id, kind: 'decided', at: '2026-10-20', data: { kind: 'penalty', number: 'X', amount: 1 } })).rejects.toThrow('须制作《行政处罚决定书》');
    const people = await wb.call('people.list', {});
    const officers = people.filter((p) => p.active && p.certificateNo).slice(0, 2).map((p) => p.id);
    const noCert = people.find((p) => p.active && !p.certificateNo);
    const decision = { facts: '该公司未经处理直接排放生产废水', evidence: '现场检查（勘察）笔录一份，现场照片 6 张', violated: '《中华人民共和国水污染防治法》第三十九条', penaltyBasis: '《中华人民共和国水污染防治法》第八十三条第三项' };
    await expect(wb.call('cases.issueDocument', { id, fields: { kind: 'penalty', officerIds: officers, ...decision, statementReview: '无', penalty: '罚款', amount: 100000, payTo: '财政' } }))
      .rejects.toThrow('须送达《行政处罚事先（听证）告知书》');

    const inquiry = { kind: 'inquiry' as const, startedAt: '2026-10-12T09:30', endedAt: '2026-10-12T10:40', place: '县生态环境局询问室', officerIds: officers, recorderId: null,
      interviewee: { name: '李建国', gender: '男' as const, idNumber: '', post: '环保专员', phone: '13800000000', address: '', relation: '单位工作人员' }, recusal: '不申请回避' as const,
      qa: [{ q: '废水为何不经处理排放？', a: '处理设施检修，临时排放。' }] };
    if (noCert) await expect(wb.call('cases.issueDocument', { id, fields: { ...inquiry, officerIds: [officers[0], noCert.id] } })).rejects.toThrow('没有执法证号');
    await expect(wb.call('cases.issueDocument', { id, fields: { ...inquiry, endedAt: '2026-10-12T09:00' } })).rejects.toThrow('询问结束时间应晚于开始时间');
    await wb.call('cases.issueDocument', { id, fields: inquiry, issuedAt: '2026-10-12' });
    const order = await wb.call('cases.issueDocument', { id, issuedAt: '2026-10-13', fields: { kind: 'order', officerIds: officers, ...decision, basis: '《中华人民共和国行政处罚法》第二十八条', requirement: '立即停止违法排放，修复处理设施', deadline: '2026-11-13' } });
    expect(order.documents.map((d) => [d.seq, d.title, d.number])).toEqual([[1, '调查询问笔录', ''], [2, '责令改正违法行为决定书', '测环责改〔2026〕1号']]);
    const notice = { kind: 'notice' as const, officerIds: officers, ...decision, proposed: '罚款人民币拾万元整', amount: 100000, hearing: true, contact: '张科长 0000-1234567', address: '清水县环城路1号' };
    await expect(wb.call('cases.issueDocument', { id, number: '测环责改〔2026〕1号', fields: { kind: 'order', officerIds: officers, ...decision, basis: 'x', requirement: 'y', deadline: '2026-11-30' } })).rejects.toThrow('已被另一份责令改正违法行为决定书使用');
    const noticed = await wb.call('cases.issueDocument', { id, issuedAt: '2026-10-20', fields: notice });
    const noticeDoc = noticed.documents[2];
    expect(noticeDoc).toMatchObject({ number: '测环罚告〔2026〕1号', served: null });
    // Each document chains to the one before it by its hash.
    const texts = await Promise.all(noticed.documents.map((d) => wb.call('cases.document', { id, documentId: d.id })));
    expect(texts.map((t) => t.issued.prev)).toEqual([expect.anything(), texts[0].issued.sha256, texts[1].issued.sha256].map((x, i) => (i === 0 ? texts[0].issued.prev : x)));
    expect(texts.every((t) => t.intact)).toBe(true);
    const printed = printedDocument(texts[2].document as unknown as EnforcementDocument);
    expect(printed.blocks.map((b) => b.text).join('\n')).toContain('收到本告知书之日起五个工作日内');
    expect(printed.blocks.map((b) => b.text).join('\n')).toContain('有权要求举行听证');

    // 送达: 留置送达 needs its reason and a witness or a recording.
    const serve = { documentId: noticeDoc.id, method: '留置送达', servedAt: '2026-10-22T15:00', refusedReason: '法定代表人拒绝签收', server: '张三、李四' };
    await expect(wb.call('cases.act', { id, kind: 'served', at: '2026-10-22T15:00', data: serve })).rejects.toThrow('须有见证人签名，或以拍照、录像记录送达过程');
    const served = await wb.call('cases.act', { id, kind: 'served', at: '2026-10-22T15:00', data: { ...serve, witness: '村委会主任 王五' } });
    // Five working days from Thursday 10-22: 10-23, 10-26, 10-27, 10-28, 10-29.
    expect(clock(served, 'statement')).toMatchObject({ due: '2026-10-29' });
    await expect(wb.call('cases.issueDocument', { id, issuedAt: '2026-10-27', fields: { kind: 'penalty', officerIds: officers, ...decision, statementReview: '未陈述', penalty: '罚款', amount: 100000, payTo: '财政' } }))
      .rejects.toThrow('陈述申辩期限至 2026-10-29');
    await wb.call('cases.act', { id, kind: 'statement', at: '2026-10-26', text: '设施检修所致，请求从轻', data: { hearingRequested: true } });
    await expect(wb.call('cases.issueDocument', { id, issuedAt: '2026-11-10', fields: { kind: 'penalty', officerIds: officers, ...decision, statementReview: 'x', penalty: '罚款', amount: 100000, payTo: '财政' } }))
      .rejects.toThrow('须先举行听证');
    await wb.call('cases.act', { id, kind: 'heard', at: '2026-11-05', text: '2026-11-05 于局会议室举行听证，当事人到场陈述' });
    // The head reviews the result (第五十七条) — not one of the 承办人 — and, the case having been heard, 法制审核 (第五十八条).
    const penaltyOf = (fields: Record<string, unknown>) => wb.call('cases.issueDocument', { id, issuedAt: '2026-11-10', fields: { kind: 'penalty', officerIds: officers, ...decision, statementReview: 'x', penalty: '罚款', amount: 100000, payTo: '财政', ...fields } as never });
    await expect(penaltyOf({})).rejects.toThrow('须经负责人审查');
    const me = (await wb.call('workspace.info', {})).currentPerson!.id;
    await wb.call('workspace.signIn', { personId: officers[0] });
    await expect(wb.call('cases.act', { id, kind: 'approved', at: '2026-11-06', text: '同意', data: { kind: '负责人审查', approver: '自己' } })).rejects.toThrow('须由承办人以外的负责人或法制审核人员作出');
    await wb.call('workspace.signIn', { personId: me });
    await wb.call('cases.act', { id, kind: 'approved', at: '2026-11-06', text: '事实清楚，同意处罚', data: { kind: '负责人审查', approver: '王局长' } });
    await expect(penaltyOf({})).rejects.toThrow('须经法制审核');
    await wb.call('cases.act', { id, kind: 'approved', at: '2026-11-07', text: '程序合法，适用依据正确', data: { kind: '法制审核', approver: '法制股 李审核' } });
    const draft = await wb.call('cases.documentDraft', { id, kind: 'penalty' });
    expect(draft).toMatchObject({ number: '测环罚〔2026〕1号', numberedBy: 'prefix', fields: { penalty: '罚款人民币拾万元整', amount: 100000, payTo: '清水县财政局非税收入汇缴结算户（电子缴款）' }, remedies: { court: '清水县人民法院' } });
    const decided = await wb.call('cases.issueDocument', { id, issuedAt: '2026-11-10', fields: { ...(draft.fields as Record<string, unknown>), statementReview: '当事人陈述申辩及听证意见经复核不予采纳' } as never });
    expect(decided.case).toMatchObject({ state: 'decided', decisionNumber: '测环罚〔2026〕1号', penaltyAmount: 100000, publishBy: '2026-11-19' });
    // Served within 7 working days of the 决定书 (第六十一条): 11-10 → 11-19.
    expect(clock(decided, 'serve')).toMatchObject({ due: '2026-11-19', done: null });
    const paidServed = await wb.call('cases.act', { id, kind: 'served', at: '2026-11-12', data: { documentId: decided.documents[3].id, method: '直接送达', servedAt: '2026-11-12T10:00', receiver: '赵六', relation: '法定代表人', server: '张三' } });
    expect(clock(paidServed, 'pay')).toMatchObject({ due: '2026-11-27', state: 'overdue' });
    expect(clock(paidServed, 'serve')).toMatchObject({ done: '2026-11-12', state: 'done' });
    expect(clock(paidServed, 'publish')).toMatchObject({ due: '2026-11-19', state: 'overdue' });
    expect(clock(paidServed, 'decide')).toMatchObject({ done: '2026-11-10', state: 'done' });

    // Closed only once the fine is paid (or with how it was enforced); paid a day late shows as 逾期完成.
    await wb.call('cases.act', { id, kind: 'published', at: '2026-11-20', text: '局网站' });
    await expect(wb.call('cases.act', { id, kind: 'closed', at: '2026-11-28' })).rejects.toThrow('罚款尚未缴纳');
    expect(clock(await wb.call('cases.act', { id, kind: 'paid', at: '2026-11-28', data: { receipt: 'FS0001' } }), 'pay')).toMatchObject({ done: '2026-11-28', state: 'late' });
    expect((await wb.call('cases.act', { id, kind: 'closed', at: '2026-11-28' })).case.state).toBe('closed');

    // Integrity: every document checks; one altered in the database is named.
    const clean = await wb.call('workspace.verify', {});
    // The demo county's own penalties (告知书 and 决定书 each) check too.
    expect(clean.problems).toEqual([]);
    expect(clean.documents).toBeGreaterThan(4);
    const altered = texts[1].issued.canonical.replace('立即停止违法排放', '限期停止违法排放');
    // Someone with the file drops the append-only trigger and edits the text in place.
    wb.store.db.exec('DROP TRIGGER record_events_append_only');
    wb.store.db.prepare("UPDATE record_events SET data = json_set(data, '$.canonical', ?) WHERE id = ?").run(altered, noticed.documents[1].id);
    const report = await wb.call('workspace.verify', {});
    expect(report.problems.map((p) => p.message).join('\n')).toContain('文书内容与其 SHA-256 不符');
    expect((await wb.call('cases.document', { id, documentId: noticed.documents[1].id })).intact).toBe(false);
  });

  it('keeps a recording of a refused 送达 as its evidence (WAV/MP3/M4A/MP4, by the bytes), and refuses a file that only claims to be one', async () => {
    const wb = await loopWorkbench(20);
    const officers = (await wb.call('people.list', {})).filter((p) => p.active && p.certificateNo).slice(0, 2).map((p) => p.id);
    const c = await wb.call('cases.create', { sourceKind: 'other', party: '某公司', facts: '违法排放', openedAt: '2026-11-01' });
    const id = c.case.id;
    await wb.call('cases.act', { id, kind: 'filed', at: '2026-11-02', data: { number: '立1' } });
    const made = await wb.call('cases.issueDocument', { id, issuedAt: '2026-11-03', number: '测责改〔2026〕1号', remedies: { reviewBody: '清水县人民政府', court: '清水县人民法院' },
      fields: { kind: 'order', officerIds: officers, facts: '违法排放', evidence: '笔录', violated: '第三十九条', basis: '第二十八条', requirement: '停止排放', deadline: '2026-12-10' } });
    const serve = { documentId: made.documents[0].id, method: '留置送达', servedAt: '2026-11-05T10:00', refusedReason: '拒绝签收', server: '张三' };
    const fake = Buffer.from('<html><script>alert(1)</script></html>').toString('base64');
    await expect(wb.call('cases.act', { id, kind: 'served', at: '2026-11-05', data: serve, files: [{ name: 'refusal.mp4', base64: fake }] })).rejects.toThrow('不是可接受的证据文件类型');
    expect((await wb.call('cases.get', { id })).documents[0].served).toBeNull();
    const wav = readFileSync(join(__dirname, '..', 'fixtures', 'recordings', 'refusal.wav')).toString('base64');
    const done = await wb.call('cases.act', { id, kind: 'served', at: '2026-11-05', data: serve, files: [{ name: 'refusal.wav', base64: wav }] });
    expect(done.documents[0].served).toMatchObject({ method: '留置送达', evidence: 1 });
    const sha = done.events.at(-1)!.blobs[0];
    expect(wb.store.db.prepare('SELECT mime FROM blobs WHERE sha256 = ?').pluck().get(sha)).toBe('audio/wav');
  });
});
