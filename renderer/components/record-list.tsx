import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { t } from '../i18n/zh-CN';
import { useDebounced, usePersistentState } from '../persistent-state';
import { navigate } from '../router';
import { VirtualTable, type Column } from './virtual-table';

export type ListFilters = { q: string } & Record<string, string | boolean>;
type Page<Row> = { total: number; rows: Row[] };

type Props<Row, F extends ListFilters> = {
  /** The route and the key its filters are kept under: 'enterprises', 'outfalls'. */
  path: string;
  title: string;
  newLabel: string;
  searchPlaceholder: string;
  emptyText: string;
  empty: F;
  columns: Column<Row>[];
  /** One page for a query made of the non-empty filters plus sort, dir, offset and limit. */
  fetch: (query: Record<string, unknown>) => Promise<Page<Row>>;
  filters: (f: F, set: (patch: Partial<F>) => void) => ReactNode;
  /** Shown between the filters and the table (a bulk action bar). */
  toolbar?: ReactNode;
  /** Bumped to refetch after an action changed the rows. */
  refreshKey?: number;
};

/** A register page: header with count and 新建, search and filters kept while you come and go, the virtual table. */
export function RecordList<Row extends { id: string }, F extends ListFilters>(p: Props<Row, F>) {
  const [f, setF] = usePersistentState<F>(`${p.path}Filters`, p.empty);
  const [sort, setSort] = usePersistentState<{ key: string; dir: 'asc' | 'desc' }>(`${p.path}Sort`, { key: 'name', dir: 'asc' });
  const [total, setTotal] = useState<number | null>(null);
  const q = useDebounced(f.q, 200);
  const query = useMemo(() => ({
    ...Object.fromEntries(Object.entries({ ...f, q }).filter(([, v]) => v !== '' && v !== false)),
    sort: sort.key, dir: sort.dir,
  }), [JSON.stringify({ ...f, q: '' }), q, sort]); // eslint-disable-line react-hooks/exhaustive-deps
  const { fetch } = p;
  const fetchPage = useCallback((offset: number, limit: number) => fetch({ ...query, offset, limit }), [fetch, query]);
  const set = (patch: Partial<F>) => setF({ ...f, ...patch });
  return (
    <div className="page list-page">
      <header className="page-head">
        <h1>{p.title}</h1>
        <span className="count" data-testid="total">{total === null ? t.common.loading : t.common.total(total)}</span>
        <button className="primary" onClick={() => navigate(`/${p.path}/new`)}>{p.newLabel}</button>
      </header>
      <div className="filters">
        <input type="search" className="search" aria-label={t.common.search} placeholder={p.searchPlaceholder} value={f.q} onChange={(e) => set({ q: e.target.value } as Partial<F>)} />
        {p.filters(f, set)}
        {JSON.stringify(f) !== JSON.stringify(p.empty) && <button className="link" onClick={() => setF(p.empty)}>清除条件</button>}
      </div>
      {p.toolbar}
      <VirtualTable columns={p.columns} fetchPage={fetchPage} resetKey={`${JSON.stringify(query)}#${p.refreshKey ?? 0}`} sort={sort.key} dir={sort.dir}
        onSort={(key) => setSort({ key, dir: sort.key === key && sort.dir === 'asc' ? 'desc' : 'asc' })}
        onOpen={(r) => navigate(`/${p.path}/${r.id}`)} rowKey={(r) => r.id} onTotal={setTotal} emptyText={p.emptyText} />
    </div>
  );
}

/** A list filter over fixed options, '' meaning all of them. */
export function OptionFilter(p: { label: string; all: string; options: readonly string[]; value: string; onChange: (v: string) => void; render?: (o: string) => string }) {
  return (
    <select aria-label={p.label} value={p.value} onChange={(e) => p.onChange(e.target.value)}>
      <option value="">{p.all}</option>
      {p.options.map((o) => <option key={o} value={o}>{p.render ? p.render(o) : o}</option>)}
    </select>
  );
}
