import { useCallback } from 'react';
import { CASE_SOURCES, type CaseDetail } from '../../shared/api/cases';
import { RECEIVER_RELATIONS, SERVICE_METHODS } from '../../shared/enforcement/kinds';
import { ClocksCard, DocumentsCard } from './case-file';
import { APPROVAL_KINDS } from '../../shared/case/limits';
import { CASE_EVENT_LABELS, CASE_STATE_LABELS, PUBLICITY_WORKDAYS, type CaseEventKind } from '../../shared/case/fold';
import { call } from '../api';
import type { ActionSpec } from '../closed-loop/action-form';
import { RecordActions, useRecordPage } from '../closed-loop/record-actions';
import { EventTimeline } from '../closed-loop/event-timeline';
import { Detail } from '../components/field';
import { navigate } from '../router';

const SERVICE_HINT = '直接/委托送达写签收人；留置送达写拒收事由，并有见证人或上传照片记录；邮寄写邮件号；电子送达写地址；公告送达写载体与日期';

/** The action forms; 送达 lists the case file's documents not yet served. */
function specs(d: CaseDetail): Partial<Record<CaseEventKind, ActionSpec>> {
  const unserved = d.documents.filter((x) => !x.served && x.kind !== 'inquiry');
  return {
  ...SPECS,
  served: {
    label: '送达',
    fields: [
      { name: 'documentId', label: '送达的文书', type: 'select', required: true, initial: unserved[0]?.id ?? '', options: unserved.map((x) => ({ value: x.id, label: `${x.title} ${x.number}` })) },
      { name: 'time', label: '送达时间（时:分）', type: 'time', initial: '' },
      { name: 'method', label: '送达方式', type: 'select', required: true, options: SERVICE_METHODS.map((m) => ({ value: m, label: m })), hint: SERVICE_HINT },
      { name: 'place', label: '送达地点', type: 'text' }, { name: 'receiver', label: '签收人', type: 'text' },
      { name: 'relation', label: '签收人与当事人的关系', type: 'select', options: RECEIVER_RELATIONS.map((m) => ({ value: m, label: m })) },
      { name: 'refusedReason', label: '拒收事由（留置送达）', type: 'text' }, { name: 'witness', label: '见证人（姓名、单位）', type: 'text' },
      { name: 'reference', label: '邮件号 / 电子地址 / 公告载体', type: 'text' }, { name: 'server', label: '送达人', type: 'text', required: true },
      { name: 'files', label: '送达过程照片或录音录像', type: 'files' },
    ],
    toData: (v) => {
      const { at, text: _t, time, ...rest } = v;
      const data: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, x]) => x !== ''));
      return { ...data, servedAt: `${String(at)}T${String(time || '00:00')}` };
    },
  },
  };
}

const SPECS: Partial<Record<CaseEventKind, ActionSpec>> = {
  filingExtended: { label: '延长立案审查期限', fields: [{ name: 'approver', label: '批准的负责人', type: 'text', required: true }, { name: 'text', label: '延期理由', type: 'textarea', required: true }] },
  decisionExtended: {
    label: '延长办案期限',
    fields: [
      { name: 'days', label: '延长天数', type: 'number', required: true, initial: '30', hint: '首次由负责人批准，不超过 30 日；再次延期须集体讨论决定' },
      { name: 'approver', label: '批准人（或集体讨论会议）', type: 'text', required: true }, { name: 'collective', label: '经负责人集体讨论决定', type: 'check' },
      { name: 'text', label: '延期理由', type: 'textarea', required: true },
    ],
    toData: (v) => ({ days: Number(v.days), approver: v.approver ?? '', collective: v.collective === true }),
  },
  statement: {
    label: '记录陈述申辩',
    fields: [{ name: 'text', label: '陈述申辩内容', type: 'textarea' }, { name: 'hearingRequested', label: '当事人要求听证', type: 'check' }, { name: 'waived', label: '当事人书面表示放弃陈述申辩', type: 'check' }, { name: 'files', label: '陈述申辩书（扫描件）', type: 'files' }],
    toData: (v) => ({ hearingRequested: v.hearingRequested === true, waived: v.waived === true }),
  },
  approved: {
    label: '审查决定',
    fields: [
      { name: 'kind', label: '审查方式', type: 'select', required: true, initial: '负责人审查', options: APPROVAL_KINDS.map((k) => ({ value: k, label: k })), hint: '经过听证的案件另须法制审核（行政处罚法 第五十八条）；审查人不能是承办人' },
      { name: 'approver', label: '审查人（负责人、法制审核人员或会议）', type: 'text', required: true }, { name: 'text', label: '审查意见', type: 'textarea', required: true },
      { name: 'files', label: '审批表、会议纪要（扫描件）', type: 'files' },
    ],
  },
  heard: { label: '举行听证', fields: [{ name: 'text', label: '听证情况（时间、地点、主持人、当事人意见）', type: 'textarea', required: true }, { name: 'files', label: '听证笔录（扫描件）', type: 'files' }] },
  paid: { label: '缴纳罚款', fields: [{ name: 'receipt', label: '缴款凭证号', type: 'text', required: true }, { name: 'files', label: '缴款凭证（扫描件）', type: 'files' }] },
  filed: { label: '立案', fields: [{ name: 'number', label: '立案编号', type: 'text', required: true, hint: '如 清环立字〔2026〕12号' }, { name: 'text', label: '立案审批意见', type: 'textarea' }] },
  investigated: { label: '调查取证', fields: [{ name: 'text', label: '调查情况', type: 'textarea', required: true }, { name: 'files', label: '证据材料', type: 'files' }] },
  decided: {
    label: '作出其他决定',
    fields: [
      { name: 'number', label: '决定书文号', type: 'text', required: true, hint: `不予处罚等其他决定（${PUBLICITY_WORKDAYS.other} 个工作日内公开）；行政处罚须“制作文书 → 行政处罚决定书”` },
      { name: 'legalBasis', label: '法律依据', type: 'text' }, { name: 'content', label: '处理内容', type: 'textarea' },
    ],
    toData: (v) => ({ kind: 'other', number: v.number, amount: null, legalBasis: v.legalBasis ?? '', content: v.content ?? '' }),
  },
  transferred: { label: '移送公安', fields: [{ name: 'to', label: '接收单位', type: 'text', required: true, initial: '县公安局' }, { name: 'text', label: '移送理由', type: 'textarea', required: true }] },
  published: { label: '公开', fields: [{ name: 'text', label: '公开方式与网址', type: 'textarea' }] },
  closed: { label: '结案', fields: [{ name: 'text', label: '结案意见（执行情况）', type: 'textarea' }] },
  comment: { label: '备注', fields: [{ name: 'text', label: '备注', type: 'textarea', required: true }] },
};

/** One case: 立案 → 调查 → 决定 → 公开 (on the working-day calendar) → 结案, with 移送公安. */
export function CasePage({ id }: { id: string }) {
  const { data: d, set: setD, error } = useRecordPage(useCallback(() => call('cases.get', { id }), [id]));
  if (error) return <div className="page"><p className="banner error">{error}</p></div>;
  if (!d) return <div className="page muted">加载中…</div>;
  const c = d.case;
  return (
    <div className="page detail-page">
      <header className="page-head">
        <button className="link" onClick={() => navigate('/cases')}>← 返回案件列表</button>
        <h1>{c.party}</h1>
        <span className="tag" data-testid="case-state">{CASE_STATE_LABELS[c.state]}</span>
        {c.publicityOverdue && <span className="tag red">逾期未公开</span>}
        {c.transferredAt && <span className="tag red">已移送公安</span>}
      </header>
      <div className="detail-layout">
        <div>
          <section className="card">
            <h2>案件情况</h2>
            <dl className="details">
              <Detail label="案源">{c.sourceId && c.sourceKind !== 'other' ? <a href={`#/${c.sourceKind}s/${c.sourceId}`}>{CASE_SOURCES[c.sourceKind]}</a> : CASE_SOURCES[c.sourceKind]}</Detail>
              <Detail label="登记日期">{c.openedAt}</Detail>
              <Detail label="统一社会信用代码">{c.uscc}</Detail>
              <Detail label="法定代表人">{c.legalRepresentative}</Detail>
              <Detail label="地址">{c.address}</Detail>
              <Detail label="违法事实" wide>{c.facts}</Detail>
              <Detail label="立案">{c.filedNumber ? `${c.filedNumber}（${c.filedAt}）` : ''}</Detail>
              <Detail label="决定">{c.decisionNumber ? `${c.decisionNumber}（${c.decidedAt}）${c.penaltyAmount !== null ? ` 罚款 ${c.penaltyAmount.toLocaleString('zh-CN')} 元` : ''}` : ''}</Detail>
              <Detail label="依据">{c.legalBasis}</Detail>
              <Detail label="公开期限">{c.publishBy ? `${c.publishBy} 前（工作日计算）` : ''}{c.publishedAt ? `，${c.publishedAt} 已公开` : ''}</Detail>
            </dl>
          </section>
          <ClocksCard clocks={c.clocks} />
          <DocumentsCard caseId={id} d={d} />
          <section className="card"><h2>办理过程</h2><EventTimeline events={d.events} labels={CASE_EVENT_LABELS} /></section>
        </div>
        <RecordActions<CaseEventKind> allowed={d.allowed} labels={CASE_EVENT_LABELS} specs={specs(d)} onAct={async (kind, a) => setD(await call('cases.act', { id, kind, ...a }))} />
      </div>
    </div>
  );
}
