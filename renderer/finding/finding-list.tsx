import { useEffect, useState } from 'react';
import { FINDING_SOURCES, type Finding } from '../../shared/api/findings';
import type { Input } from '../../shared/api/index';
import type { Person } from '../../shared/api/people';
import { DEADLINE_BAND_LABELS, DEADLINE_BANDS } from '../../shared/checklist/deadline-band';
import { FINDING_STATE_LABELS, FINDING_STATES } from '../../shared/finding/states';
import { call } from '../api';
import { seedFiltersFromHash } from '../hash-query';
import { OptionFilter, RecordList } from '../components/record-list';
import { TownFilter } from '../components/region-picker';
import type { Column } from '../components/virtual-table';
import { useDirectories } from '../directories';

type Filters = { q: string; state: string; overdue: boolean; reopened: boolean; townCode: string; sourceKind: string; deadlineBand: string; responsibleUnit: string; responsiblePerson: string; watershedId: string; industry: string; recheckDueBy: string; month: string; unfinished: boolean };
const EMPTY: Filters = { q: '', state: '', overdue: false, reopened: false, townCode: '', sourceKind: '', deadlineBand: '', responsibleUnit: '', responsiblePerson: '', watershedId: '', industry: '', recheckDueBy: '', month: '', unfinished: false };

/** 问题清单: every finding by state, town, unit, person, source, band and 超期; several assigned at once. */
export function FindingListPage() {
  const d = useDirectories();
  const me = d.info.currentPerson;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [facets, setFacets] = useState<{ units: string[]; persons: string[] }>({ units: [], persons: [] });
  const [people, setPeople] = useState<Person[]>([]);
  const [assign, setAssign] = useState({ unit: '', personId: '', person: '' });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [refresh, setRefresh] = useState(0);
  // A town officer starts from their own town (属地责任); a dashboard figure brings its own filters.
  const empty = me?.role === '镇街工作人员' && me.townCode ? { ...EMPTY, townCode: me.townCode } : EMPTY;
  useState(() => seedFiltersFromHash('findings', EMPTY));
  useEffect(() => { void call('findings.facets', {}).then(setFacets); void call('people.list', {}).then(setPeople); }, [refresh]);
  const toggle = (id: string) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const columns: Column<Finding>[] = [
    { key: 'pick', title: '选', width: '34px', render: (r) => <input type="checkbox" aria-label={`选择 ${r.description}`} checked={selected.has(r.id)} onClick={(e) => e.stopPropagation()} onChange={() => toggle(r.id)} /> },
    { key: 'no', title: '问题编号', width: '104px', render: (r) => <small>{r.findingNo}</small> },
    { key: 'foundAt', title: '发现日期', width: '96px', render: (r) => r.foundAt },
    { key: 'description', title: '问题', width: 'minmax(240px, 2.4fr)', render: (r) => <><span className="strong">{r.description}</span><small className="sub"> {r.targetName}</small></> },
    { key: 'town', title: '镇街', width: '80px', render: (r) => r.townName || '—' },
    { key: 'responsible', title: '责任单位 / 责任人', width: 'minmax(150px, 1.2fr)', render: (r) => `${r.responsibleUnit} / ${r.responsiblePerson}` },
    { key: 'deadline', title: '整改时限', width: '176px', render: (r) => <span className="nowrap">{r.deadline}{r.overdue && <span className="tag red" title={`已超过整改时限 ${r.overdueDays} 天`}>超期 {r.overdueDays} 天</span>}</span> },
    { key: 'state', title: '状态', width: '120px', render: (r) => <><span className={`tag fs-${r.state}`}>{FINDING_STATE_LABELS[r.state]}</span>{r.reopenCount > 0 && <span className="tag red">反弹</span>}</> },
    { key: 'source', title: '来源', width: '110px', render: (r) => FINDING_SOURCES[r.sourceKind as keyof typeof FINDING_SOURCES] ?? r.sourceKind },
  ];
  const staff = people.filter((p) => p.role !== '执法人员' || p.townCode);
  const doAssign = async () => {
    setMessage(null);
    try {
      const person = staff.find((p) => p.id === assign.personId);
      const r = await call('findings.assign', { ids: [...selected], responsibleUnit: assign.unit, responsiblePerson: person?.name ?? assign.person, personId: person?.id ?? null });
      setMessage({ ok: true, text: `已交办 ${r.assigned} 个问题` });
      setSelected(new Set());
      setRefresh((x) => x + 1);
    } catch (e) { setMessage({ ok: false, text: (e as Error).message }); }
  };
  return (
    <RecordList<Finding, Filters> path="findings" title="问题整改" newLabel="登记问题" searchPlaceholder="搜索问题描述、对象或问题编号"
      emptyText="没有符合条件的问题" empty={empty} columns={columns} refreshKey={refresh}
      fetch={(query) => call('findings.list', query as Input<'findings.list'>)}
      toolbar={(selected.size > 0 || message) && (
        <div className="bulk-bar" role="region" aria-label="批量交办">
          {selected.size > 0 && <>
            <b>已选 {selected.size} 个问题</b>
            <input aria-label="责任单位" placeholder="责任单位（如 城关镇人民政府）" value={assign.unit} onChange={(e) => setAssign({ ...assign, unit: e.target.value })} list="finding-units" />
            <datalist id="finding-units">{facets.units.map((u) => <option key={u} value={u} />)}</datalist>
            <select aria-label="责任人" value={assign.personId} onChange={(e) => { const p = staff.find((x) => x.id === e.target.value); setAssign({ ...assign, personId: e.target.value, unit: p?.unit || assign.unit }); }}>
              <option value="">责任人（或在右侧填写）</option>
              {staff.map((p) => <option key={p.id} value={p.id}>{p.name}（{p.unit || p.role}）</option>)}
            </select>
            {!assign.personId && <input aria-label="责任人姓名" placeholder="责任人姓名" value={assign.person} onChange={(e) => setAssign({ ...assign, person: e.target.value })} />}
            <button className="primary" onClick={() => void doAssign()}>批量交办</button>
            <button className="link" onClick={() => setSelected(new Set())}>取消选择</button>
          </>}
          {message && <span className={`banner ${message.ok ? 'ok' : 'error'}`} role="status">{message.text}</span>}
        </div>
      )}
      filters={(f, set) => (
        <>
          <OptionFilter label="状态" all="全部状态" options={FINDING_STATES} render={(s) => FINDING_STATE_LABELS[s as keyof typeof FINDING_STATE_LABELS]} value={f.state} onChange={(state) => set({ state })} />
          <label className="check"><input type="checkbox" checked={f.unfinished} onChange={(e) => set({ unfinished: e.target.checked })} />未完成</label>
          <label className="check"><input type="checkbox" checked={f.overdue} onChange={(e) => set({ overdue: e.target.checked })} />只看超期</label>
          <label className="check"><input type="checkbox" checked={f.reopened} onChange={(e) => set({ reopened: e.target.checked })} />反弹过</label>
          <TownFilter value={f.townCode} onChange={(townCode) => set({ townCode })} />
          <OptionFilter label="来源" all="全部来源" options={Object.keys(FINDING_SOURCES)} render={(s) => FINDING_SOURCES[s as keyof typeof FINDING_SOURCES]} value={f.sourceKind} onChange={(sourceKind) => set({ sourceKind })} />
          <OptionFilter label="时限类别" all="全部时限类别" options={DEADLINE_BANDS} render={(b) => DEADLINE_BAND_LABELS[b as keyof typeof DEADLINE_BAND_LABELS]} value={f.deadlineBand} onChange={(deadlineBand) => set({ deadlineBand })} />
          <OptionFilter label="责任单位" all="全部责任单位" options={facets.units} value={f.responsibleUnit} onChange={(responsibleUnit) => set({ responsibleUnit })} />
          <OptionFilter label="责任人" all="全部责任人" options={facets.persons} value={f.responsiblePerson} onChange={(responsiblePerson) => set({ responsiblePerson })} />
          {f.watershedId && <span className="tag">流域：{d.watersheds.find((w) => w.id === f.watershedId)?.name ?? f.watershedId} <button className="link" aria-label="去掉流域条件" onClick={() => set({ watershedId: '' })}>×</button></span>}
          {f.industry && <span className="tag">行业门类：{f.industry} <button className="link" aria-label="去掉行业条件" onClick={() => set({ industry: '' })}>×</button></span>}
          {f.month && <span className="tag">发现月份：{f.month} <button className="link" aria-label="去掉月份条件" onClick={() => set({ month: '' })}>×</button></span>}
          {f.recheckDueBy && <span className="tag">销号后复查到期：{f.recheckDueBy} 前 <button className="link" aria-label="去掉复查条件" onClick={() => set({ recheckDueBy: '' })}>×</button></span>}
          {me?.role === '镇街工作人员' && me.townCode && f.townCode !== me.townCode && <button className="link" onClick={() => set({ townCode: me.townCode! })}>只看本镇街</button>}
        </>
      )} />
  );
}
