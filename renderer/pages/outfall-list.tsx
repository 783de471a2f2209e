import { useCallback, useMemo, useState } from 'react';
import type { OutfallFilter, OutfallSummary } from '../../shared/api/outfalls';
import { OUTFALL_TYPE_NAMES, REMEDIATION_CATEGORIES, REMEDIATION_STATES } from '../../shared/domain/outfall-types';
import { call } from '../api';
import { TownFilter } from '../components/region-picker';
import { VirtualTable, type Column } from '../components/virtual-table';
import { WaterBodySelect, WatershedSelect } from '../components/water-picker';
import { t } from '../i18n/zh-CN';
import { useDebounced, usePersistentState } from '../persistent-state';
import { navigate } from '../router';

type Filters = { q: string; townCode: string; watershedId: string; waterBodyId: string; type: string; remediationCategory: string; remediationState: string };
const EMPTY: Filters = { q: '', townCode: '', watershedId: '', waterBodyId: '', type: '', remediationCategory: '', remediationState: '' };

const COLUMNS: Column<OutfallSummary>[] = [
  { key: 'name', title: '排污口名称', width: 'minmax(220px, 2fr)', sortable: true, render: (r) => <span className="strong">{r.name}</span> },
  { key: 'code', title: '排污口编码', width: '150px', sortable: true, render: (r) => (r.code ? <code>{r.code}</code> : <span className="muted">暂不掌握</span>) },
  { key: 'type', title: '类型 / 细类', width: 'minmax(180px, 1.4fr)', sortable: true, render: (r) => <>{r.type}<small className="sub"> {r.subType}</small></> },
  { key: 'town', title: '镇街', width: '100px', sortable: true, render: (r) => r.townName },
  { key: 'waterBody', title: '受纳水体', width: '90px', sortable: true, render: (r) => r.waterBodyName ?? '—' },
  { key: 'remediation', title: '整治', width: '150px', render: (r) => (r.remediationCategory ? <span className={`tag rem-${r.remediationState}`}>{r.remediationCategory} · {r.remediationState ?? '未开始'}</span> : '—') },
];

/** 一口一档: every 入河排污口, searchable, filtered by town, watershed, water body, type and remediation. */
export function OutfallListPage() {
  const [f, setF] = usePersistentState<Filters>('outfallFilters', EMPTY);
  const [sort, setSort] = usePersistentState<{ key: string; dir: 'asc' | 'desc' }>('outfallSort', { key: 'name', dir: 'asc' });
  const [total, setTotal] = useState<number | null>(null);
  const q = useDebounced(f.q, 200);
  const query = useMemo(() => ({
    q: q || undefined, townCode: f.townCode || undefined, watershedId: f.watershedId || undefined, waterBodyId: f.waterBodyId || undefined,
    type: (f.type || undefined) as OutfallFilter['type'],
    remediationCategory: (f.remediationCategory || undefined) as OutfallFilter['remediationCategory'],
    remediationState: (f.remediationState || undefined) as OutfallFilter['remediationState'],
    sort: sort.key as 'name', dir: sort.dir,
  }), [q, f.townCode, f.watershedId, f.waterBodyId, f.type, f.remediationCategory, f.remediationState, sort]);
  const fetchPage = useCallback((offset: number, limit: number) => call('outfalls.list', { ...query, offset, limit }), [query]);
  const set = (patch: Partial<Filters>) => setF({ ...f, ...patch });
  return (
    <div className="page list-page">
      <header className="page-head">
        <h1>{t.outfall.list}</h1>
        <span className="count" data-testid="total">{total === null ? t.common.loading : t.common.total(total)}</span>
        <button className="primary" onClick={() => navigate('/outfalls/new')}>{t.outfall.new}</button>
      </header>
      <div className="filters">
        <input type="search" className="search" aria-label={t.common.search} placeholder={t.outfall.searchPlaceholder} value={f.q} onChange={(e) => set({ q: e.target.value })} />
        <TownFilter value={f.townCode} onChange={(townCode) => set({ townCode })} />
        <WatershedSelect name="watershedFilter" value={f.watershedId || null} emptyLabel="全部流域" onChange={(v) => set({ watershedId: v ?? '' })} />
        <WaterBodySelect value={f.waterBodyId || null} emptyLabel="全部水体" onChange={(v) => set({ waterBodyId: v ?? '' })} />
        <select aria-label="排污口类型" value={f.type} onChange={(e) => set({ type: e.target.value })}>
          <option value="">全部类型</option>
          {OUTFALL_TYPE_NAMES.map((c) => <option key={c}>{c}</option>)}
        </select>
        <select aria-label="整治类型" value={f.remediationCategory} onChange={(e) => set({ remediationCategory: e.target.value })}>
          <option value="">全部整治类型</option>
          {REMEDIATION_CATEGORIES.map((c) => <option key={c}>{c}</option>)}
        </select>
        <select aria-label="整治进展" value={f.remediationState} onChange={(e) => set({ remediationState: e.target.value })}>
          <option value="">全部进展</option>
          {REMEDIATION_STATES.map((c) => <option key={c}>{c}</option>)}
        </select>
        {JSON.stringify(f) !== JSON.stringify(EMPTY) && <button className="link" onClick={() => setF(EMPTY)}>清除条件</button>}
      </div>
      <VirtualTable columns={COLUMNS} fetchPage={fetchPage} resetKey={JSON.stringify(query)} sort={sort.key} dir={sort.dir}
        onSort={(key) => setSort({ key, dir: sort.key === key && sort.dir === 'asc' ? 'desc' : 'asc' })}
        onOpen={(r) => navigate(`/outfalls/${r.id}`)} rowKey={(r) => r.id} onTotal={setTotal} emptyText="没有符合条件的排污口" />
    </div>
  );
}
