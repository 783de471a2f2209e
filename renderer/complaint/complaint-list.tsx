import { isProvisionalNumber } from '../../shared/complaint/number';
import { shownTime } from '../../shared/domain/local-time';
import type { Complaint } from '../../shared/api/complaints';
import type { Input } from '../../shared/api/index';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, COMPLAINT_STATE_LABELS, COMPLAINT_STATES } from '../../shared/complaint/fold';
import { call } from '../api';
import { seedFiltersFromHash } from '../hash-query';
import { OptionFilter, RecordList } from '../components/record-list';
import { TownFilter } from '../components/region-picker';
import type { Column } from '../components/virtual-table';
import { useState } from 'react';

type Filters = { q: string; state: string; overdue: boolean; townCode: string; category: string; channel: string };
const EMPTY: Filters = { q: '', state: '', overdue: false, townCode: '', category: '', channel: '' };

/** The deadline that matters now, with 逾期 / 即将到期 warnings. */
export function ComplaintDeadline({ c }: { c: Complaint }) {
  const due = c.state === 'received' ? `受理期限 ${c.acceptBy}` : c.state === 'accepted' ? `办结期限 ${c.completeBy}` : c.concludedAt ? `${c.concludedAt} 办结` : '';
  return <>{due}{c.overdue && <span className="tag red">{c.overdue}</span>}{c.dueSoon && <span className="tag amber">即将到期</span>}</>;
}

const COLUMNS: Column<Complaint>[] = [
  { key: 'number', title: '编号', width: '132px', render: (r) => isProvisionalNumber(r.number) ? <span className="muted" title="临时编号：同步后由同步中心分配全县统一的信访编号">{r.number}</span> : r.number },
  { key: 'receivedAt', title: '接收时间', width: '130px', render: (r) => shownTime(r.receivedAt) },
  { key: 'content', title: '反映内容', width: 'minmax(240px, 2.4fr)', render: (r) => <><span className="strong">{r.content}</span><small className="sub"> {r.categories.join('、')}</small></> },
  { key: 'channel', title: '渠道', width: '110px', render: (r) => r.channel },
  { key: 'complainant', title: '信访人', width: '80px', render: (r) => r.complainantName || '匿名' },
  { key: 'town', title: '镇街', width: '80px', render: (r) => r.townName ?? '—' },
  { key: 'due', title: '期限', width: '250px', render: (r) => <ComplaintDeadline c={r} /> },
  { key: 'state', title: '状态', width: '90px', render: (r) => <span className={`tag cs-${r.state}`}>{COMPLAINT_STATE_LABELS[r.state]}</span> },
];

/** 信访投诉: intake to conclusion against the legal time limits. */
export function ComplaintListPage() {
  useState(() => seedFiltersFromHash('complaints', EMPTY));
  return (
    <RecordList<Complaint, Filters> path="complaints" title="信访投诉" newLabel="登记信访" searchPlaceholder="搜索反映内容、被投诉对象、地址或编号"
      emptyText="没有符合条件的信访件" empty={EMPTY} columns={COLUMNS}
      fetch={(query) => call('complaints.list', query as Input<'complaints.list'>)}
      filters={(f, set) => (
        <>
          <OptionFilter label="状态" all="全部状态" options={COMPLAINT_STATES} render={(s) => COMPLAINT_STATE_LABELS[s as keyof typeof COMPLAINT_STATE_LABELS]} value={f.state} onChange={(state) => set({ state })} />
          <label className="check"><input type="checkbox" checked={f.overdue} onChange={(e) => set({ overdue: e.target.checked })} />只看逾期</label>
          <OptionFilter label="类别" all="全部类别" options={COMPLAINT_CATEGORIES} value={f.category} onChange={(category) => set({ category })} />
          <OptionFilter label="渠道" all="全部渠道" options={COMPLAINT_CHANNELS} value={f.channel} onChange={(channel) => set({ channel })} />
          <TownFilter value={f.townCode} onChange={(townCode) => set({ townCode })} />
        </>
      )} />
  );
}
