import { shownTime } from '../../shared/domain/local-time';
import { useEffect, useState } from 'react';
import type { TemplateSummary } from '../../shared/api/checklists';
import type { Input } from '../../shared/api/index';
import type { InspectionSummary } from '../../shared/api/inspections';
import type { Person } from '../../shared/api/people';
import { INSPECTION_STATE_LABELS, TARGET_KIND_LABELS } from '../../shared/inspection/notice';
import { call } from '../api';
import { OptionFilter, RecordList } from '../components/record-list';
import { TownFilter } from '../components/region-picker';
import type { Column } from '../components/virtual-table';

type Filters = { q: string; state: string; templateCode: string; townCode: string; officerId: string; targetKind: string; from: string; to: string };
const EMPTY: Filters = { q: '', state: '', templateCode: '', townCode: '', officerId: '', targetKind: '', from: '', to: '' };

const COLUMNS: Column<InspectionSummary>[] = [
  { key: 'startedAt', title: '检查时间', width: '140px', render: (r) => shownTime(r.startedAt) },
  { key: 'target', title: '检查对象', width: 'minmax(220px, 2fr)', render: (r) => <><span className="strong">{r.targetName}</span><small className="sub"> {TARGET_KIND_LABELS[r.targetKind]}</small></> },
  { key: 'template', title: '检查表', width: 'minmax(160px, 1.2fr)', render: (r) => r.templateName },
  { key: 'town', title: '镇街', width: '90px', render: (r) => r.townName || '—' },
  { key: 'officers', title: '执法人员', width: '140px', render: (r) => r.officerNames },
  { key: 'failing', title: '不符合项', width: '80px', render: (r) => (r.failingCount ? <span className="tag red">{r.failingCount}</span> : <span className="muted">0</span>) },
  { key: 'state', title: '状态', width: '80px', render: (r) => <span className={`tag insp-${r.state}`}>{INSPECTION_STATE_LABELS[r.state]}</span> },
];

/** 检查记录: every inspection, by target, inspector, date, template, town and state. */
export function InspectionListPage() {
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    void call('checklists.list', { includeRetired: true }).then(setTemplates);
    void call('people.list', { role: '执法人员', includeInactive: true }).then(setPeople);
  }, []);
  const codes = [...new Map(templates.map((t) => [t.code, t.name])).entries()];
  return (
    <RecordList<InspectionSummary, Filters> path="inspections" title="现场检查记录" newLabel="开始检查"
      searchPlaceholder="搜索检查对象名称" emptyText="没有符合条件的检查记录" empty={EMPTY} columns={COLUMNS}
      fetch={(query) => call('inspections.list', query as Input<'inspections.list'>)}
      filters={(f, set) => (
        <>
          <OptionFilter label="状态" all="全部状态" options={['draft', 'finalized', 'superseded']} render={(s) => INSPECTION_STATE_LABELS[s]} value={f.state} onChange={(state) => set({ state })} />
          <OptionFilter label="检查表" all="全部检查表" options={codes.map(([c]) => c)} render={(c) => codes.find(([x]) => x === c)?.[1] ?? c} value={f.templateCode} onChange={(templateCode) => set({ templateCode })} />
          <OptionFilter label="对象类别" all="全部对象" options={['enterprise', 'outfall', 'site']} render={(k) => TARGET_KIND_LABELS[k]} value={f.targetKind} onChange={(targetKind) => set({ targetKind })} />
          <TownFilter value={f.townCode} onChange={(townCode) => set({ townCode })} />
          <OptionFilter label="执法人员" all="全部执法人员" options={people.map((p) => p.id)} render={(id) => people.find((p) => p.id === id)?.name ?? id} value={f.officerId} onChange={(officerId) => set({ officerId })} />
          <input type="date" aria-label="起始日期" value={f.from} onChange={(e) => set({ from: e.target.value })} />
          <input type="date" aria-label="截止日期" value={f.to} onChange={(e) => set({ to: e.target.value })} />
        </>
      )} />
  );
}
