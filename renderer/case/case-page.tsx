import { useCallback } from 'react';
import { CASE_SOURCES } from '../../shared/api/cases';
import { CASE_EVENT_LABELS, CASE_STATE_LABELS, PUBLICITY_WORKDAYS, type CaseEventKind } from '../../shared/case/fold';
import { call } from '../api';
import type { ActionSpec } from '../closed-loop/action-form';
import { RecordActions, useRecordPage } from '../closed-loop/record-actions';
import { EventTimeline } from '../closed-loop/event-timeline';
import { Detail } from '../components/field';
import { navigate } from '../router';

const SPECS: Partial<Record<CaseEventKind, ActionSpec>> = {
  filed: { label: '立案', fields: [{ name: 'number', label: '立案编号', type: 'text', required: true, hint: '如 清环立字〔2026〕12号' }, { name: 'text', label: '立案审批意见', type: 'textarea' }] },
  investigated: { label: '调查取证', fields: [{ name: 'text', label: '调查情况', type: 'textarea', required: true }, { name: 'files', label: '证据材料', type: 'files' }] },
  decided: {
    label: '作出决定',
    fields: [
      { name: 'kind', label: '决定类别', type: 'select', required: true, initial: 'penalty', options: [{ value: 'penalty', label: `行政处罚决定（${PUBLICITY_WORKDAYS.penalty} 个工作日内公开）` }, { value: 'other', label: `其他执法决定（${PUBLICITY_WORKDAYS.other} 个工作日内公开）` }] },
      { name: 'number', label: '决定书文号', type: 'text', required: true }, { name: 'amount', label: '罚款金额（元）', type: 'number' },
      { name: 'legalBasis', label: '法律依据', type: 'text' }, { name: 'content', label: '处理内容', type: 'textarea' },
    ],
    toData: (v) => ({ kind: v.kind, number: v.number, amount: v.amount === '' || v.amount === undefined ? null : Number(v.amount), legalBasis: v.legalBasis ?? '', content: v.content ?? '' }),
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
          <section className="card"><h2>办理过程</h2><EventTimeline events={d.events} labels={CASE_EVENT_LABELS} /></section>
        </div>
        <RecordActions<CaseEventKind> allowed={d.allowed} labels={CASE_EVENT_LABELS} specs={SPECS} onAct={async (kind, a) => setD(await call('cases.act', { id, kind, ...a }))} />
      </div>
    </div>
  );
}
