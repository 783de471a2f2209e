import { useCallback, useMemo, useState } from 'react';
import type { EnterpriseFilter, EnterpriseSummary } from '../../shared/api/enterprises';
import { ENTERPRISE_STATES, PERMIT_CLASSES } from '../../shared/domain/enterprise-fields';
import { INDUSTRY_SECTIONS } from '../../shared/domain/industry';
import { call } from '../api';
import { TownFilter } from '../components/region-picker';
import { VirtualTable, type Column } from '../components/virtual-table';
import { WatershedSelect } from '../components/water-picker';
import { t } from '../i18n/zh-CN';
import { useDebounced, usePersistentState } from '../persistent-state';
import { navigate } from '../router';

type Filters = { q: string; townCode: string; watershedId: string; industrySection: string; permitClass: string; keyUnit: boolean; state: string };
const EMPTY: Filters = { q: '', townCode: '', watershedId: '', industrySection: '', permitClass: '', keyUnit: false, state: '' };

const COLUMNS: Column<EnterpriseSummary>[] = [
  { key: 'name', title: '单位名称', width: 'minmax(220px, 2.4fr)', sortable: true, render: (r) => <span className="strong">{r.name}</span> },
  { key: 'uscc', title: '统一社会信用代码', width: '190px', sortable: true, render: (r) => <code>{r.uscc}</code> },
  { key: 'town', title: '镇街', width: '100px', sortable: true, render: (r) => r.townName },
  { key: 'industry', title: '行业', width: 'minmax(140px, 1fr)', sortable: true, render: (r) => (r.industryCode ? `${r.industryCode} ${r.industryName}` : '—') },
  { key: 'permitClass', title: '许可类别', width: '90px', render: (r) => r.permitClass ?? '—' },
  { key: 'keyUnit', title: '重点单位', width: '80px', render: (r) => (r.keyUnit ? <span className="tag red">重点</span> : '') },
  { key: 'state', title: '状态', width: '70px', render: (r) => <span className={`tag state-${r.state}`}>{r.state}</span> },
];

/** 一企一档: every 排污单位, searchable by any part of its name or code, filtered and sorted. */
export function EnterpriseListPage() {
  const [f, setF] = usePersistentState<Filters>('enterpriseFilters', EMPTY);
  const [sort, setSort] = usePersistentState<{ key: string; dir: 'asc' | 'desc' }>('enterpriseSort', { key: 'name', dir: 'asc' });
  const [total, setTotal] = useState<number | null>(null);
  const q = useDebounced(f.q, 200);
  const query = useMemo(() => ({
    q: q || undefined, townCode: f.townCode || undefined, watershedId: f.watershedId || undefined,
    industrySection: f.industrySection || undefined, permitClass: (f.permitClass || undefined) as EnterpriseFilter['permitClass'],
    keyUnit: f.keyUnit ? true : undefined, state: (f.state || undefined) as EnterpriseFilter['state'],
    sort: sort.key as 'name', dir: sort.dir,
  }), [q, f.townCode, f.watershedId, f.industrySection, f.permitClass, f.keyUnit, f.state, sort]);
  const fetchPage = useCallback((offset: number, limit: number) => call('enterprises.list', { ...query, offset, limit }), [query]);
  const set = (patch: Partial<Filters>) => setF({ ...f, ...patch });
  return (
    <div className="page list-page">
      <header className="page-head">
        <h1>{t.enterprise.list}</h1>
        <span className="count" data-testid="total">{total === null ? t.common.loading : t.common.total(total)}</span>
        <button className="primary" onClick={() => navigate('/enterprises/new')}>{t.enterprise.new}</button>
      </header>
      <div className="filters">
        <input type="search" className="search" aria-label={t.common.search} placeholder={t.enterprise.searchPlaceholder} value={f.q} onChange={(e) => set({ q: e.target.value })} />
        <TownFilter value={f.townCode} onChange={(townCode) => set({ townCode })} />
        <WatershedSelect name="watershedFilter" value={f.watershedId || null} emptyLabel="全部流域" onChange={(v) => set({ watershedId: v ?? '' })} />
        <select aria-label="行业门类" value={f.industrySection} onChange={(e) => set({ industrySection: e.target.value })}>
          <option value="">全部行业</option>
          {Object.entries(INDUSTRY_SECTIONS).map(([k, v]) => <option key={k} value={k}>{k} {v}</option>)}
        </select>
        <select aria-label="许可类别" value={f.permitClass} onChange={(e) => set({ permitClass: e.target.value })}>
          <option value="">全部许可类别</option>
          {PERMIT_CLASSES.map((c) => <option key={c}>{c}</option>)}
        </select>
        <select aria-label="生产状态" value={f.state} onChange={(e) => set({ state: e.target.value })}>
          <option value="">全部状态</option>
          {ENTERPRISE_STATES.map((c) => <option key={c}>{c}</option>)}
        </select>
        <label className="check"><input type="checkbox" checked={f.keyUnit} onChange={(e) => set({ keyUnit: e.target.checked })} />{t.enterprise.keyUnitOnly}</label>
        {JSON.stringify(f) !== JSON.stringify(EMPTY) && <button className="link" onClick={() => setF(EMPTY)}>清除条件</button>}
      </div>
      <VirtualTable columns={COLUMNS} fetchPage={fetchPage} resetKey={JSON.stringify(query)} sort={sort.key} dir={sort.dir}
        onSort={(key) => setSort({ key, dir: sort.key === key && sort.dir === 'asc' ? 'desc' : 'asc' })}
        onOpen={(r) => navigate(`/enterprises/${r.id}`)} rowKey={(r) => r.id} onTotal={setTotal} emptyText="没有符合条件的排污单位" />
    </div>
  );
}
