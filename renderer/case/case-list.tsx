import { useState } from 'react';
import type { Case } from '../../shared/api/cases';
import type { Input } from '../../shared/api/index';
import { CASE_STATE_LABELS, CASE_STATES } from '../../shared/case/fold';
import { call } from '../api';
import { seedFiltersFromHash } from '../hash-query';
import { OptionFilter, RecordList } from '../components/record-list';
import { TownFilter } from '../components/region-picker';
import type { Column } from '../components/virtual-table';

type Filters = { q: string; state: string; townCode: string; publicityOverdue: boolean; clockOverdue: boolean };
const EMPTY: Filters = { q: '', state: '', townCode: '', publicityOverdue: false, clockOverdue: false };

const COLUMNS: Column<Case>[] = [
  { key: 'openedAt', title: '登记日期', width: '96px', render: (r) => r.openedAt },
  { key: 'party', title: '当事人', width: 'minmax(200px, 1.6fr)', render: (r) => <><span className="strong">{r.party}</span><small className="sub"> {r.facts.slice(0, 40)}</small></> },
  { key: 'filed', title: '立案编号', width: '170px', render: (r) => r.filedNumber ?? '—' },
  { key: 'decision', title: '处罚决定', width: 'minmax(180px, 1.2fr)', render: (r) => (r.decisionNumber ? `${r.decisionNumber}${r.penaltyAmount !== null ? ` · 罚款 ${r.penaltyAmount.toLocaleString('zh-CN')} 元` : ''}` : '—') },
  { key: 'publicity', title: '公开', width: '150px', render: (r) => (r.publishedAt ? `${r.publishedAt} 已公开` : r.publishBy ? <>{`应于 ${r.publishBy} 前`}{r.publicityOverdue && <span className="tag red">逾期未公开</span>}</> : '—') },
  { key: 'clock', title: '法定期限', width: '170px', render: (r) => {
    // The most pressing clock: one overdue first, else the next due (立案、决定、公开; 缴款 is the party's).
    const overdue = r.clocks.find((c) => c.state === 'overdue');
    if (overdue) return <span className="tag red" title={overdue.source}>{overdue.label}逾期（{overdue.due}）</span>;
    const next = r.clocks.find((c) => c.state === 'open' && c.due === r.nextDue);
    return next ? `${next.label} ${next.due} 前` : '—';
  } },
  { key: 'state', title: '状态', width: '100px', render: (r) => <>{CASE_STATE_LABELS[r.state]}{r.transferredAt && <span className="tag red">移送公安</span>}</> },
];

/** 查处: found → investigated → penalised → made public. */
export function CaseListPage() {
  useState(() => seedFiltersFromHash('cases', EMPTY));
  return (
    <RecordList<Case, Filters> path="cases" title="案件查处" newLabel="登记案源" searchPlaceholder="搜索当事人、违法事实或文号"
      emptyText="没有符合条件的案件" empty={EMPTY} columns={COLUMNS}
      fetch={(query) => call('cases.list', query as Input<'cases.list'>)}
      filters={(f, set) => (
        <>
          <OptionFilter label="状态" all="全部状态" options={CASE_STATES} render={(s) => CASE_STATE_LABELS[s as keyof typeof CASE_STATE_LABELS]} value={f.state} onChange={(state) => set({ state })} />
          <label className="check"><input type="checkbox" checked={f.publicityOverdue} onChange={(e) => set({ publicityOverdue: e.target.checked })} />逾期未公开</label>
          <label className="check"><input type="checkbox" checked={f.clockOverdue} onChange={(e) => set({ clockOverdue: e.target.checked })} />法定期限已过</label>
          <TownFilter value={f.townCode} onChange={(townCode) => set({ townCode })} />
        </>
      )} />
  );
}
