import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useReducer, useRef, type ReactNode } from 'react';

const PAGE = 100;
const ROW_HEIGHT = 36;

export type Column<Row> = { key: string; title: string; width: string; sortable?: boolean; render: (row: Row) => ReactNode };

type Props<Row> = {
  columns: Column<Row>[];
  /** Loads rows [offset, offset+limit) and the total that match. */
  fetchPage: (offset: number, limit: number) => Promise<{ total: number; rows: Row[] }>;
  /** Changing it drops every loaded page (new filter, sort or data). */
  resetKey: string;
  sort: string; dir: 'asc' | 'desc';
  onSort: (key: string) => void;
  onOpen: (row: Row) => void;
  rowKey: (row: Row) => string;
  onTotal?: (total: number) => void;
  emptyText: string;
};

/**
 * A list that stays smooth at any length: only visible rows are in the DOM, and rows are fetched
 * a page of 100 at a time as they scroll into view.
 */
export function VirtualTable<Row>(p: Props<Row>) {
  const pages = useRef(new Map<number, Row[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const total = useRef<number | null>(null);
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const scroller = useRef<HTMLDivElement>(null);
  const { fetchPage, onTotal } = p;

  const load = useCallback((page: number) => {
    if (pages.current.has(page) || pending.current.has(page)) return;
    pending.current.add(page);
    const gen = generation.current;
    void fetchPage(page * PAGE, PAGE).then((r) => {
      if (gen !== generation.current) return;
      pending.current.delete(page);
      pages.current.set(page, r.rows);
      if (total.current !== r.total) { total.current = r.total; onTotal?.(r.total); }
      rerender();
    }, () => { pending.current.delete(page); });
  }, [fetchPage, onTotal]);

  useEffect(() => {
    generation.current++;
    pages.current.clear();
    pending.current.clear();
    total.current = null;
    rerender();
    scroller.current?.scrollTo({ top: 0 });
    load(0);
  }, [p.resetKey, load]);

  const count = total.current ?? 0;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    if (!items.length) return;
    const first = Math.floor(items[0].index / PAGE);
    const last = Math.floor(items[items.length - 1].index / PAGE);
    for (let pg = first; pg <= last; pg++) load(pg);
  });

  const template = p.columns.map((c) => c.width).join(' ');
  return (
    <div className="vtable" role="table" aria-rowcount={count}>
      <div className="vtable-head" role="row" style={{ gridTemplateColumns: template }}>
        {p.columns.map((c) => (
          <div key={c.key} role="columnheader" className={c.sortable ? 'sortable' : ''} onClick={c.sortable ? () => p.onSort(c.key) : undefined}
            aria-sort={p.sort === c.key ? (p.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
            {c.title}{p.sort === c.key ? (p.dir === 'asc' ? ' ▲' : ' ▼') : ''}
          </div>
        ))}
      </div>
      <div className="vtable-body" ref={scroller} data-testid="vtable-body">
        {total.current === 0 && <div className="vtable-empty">{p.emptyText}</div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = pages.current.get(Math.floor(item.index / PAGE))?.[item.index % PAGE];
            return (
              <div key={item.key} role="row" className={`vtable-row${item.index % 2 ? ' odd' : ''}`} data-index={item.index}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={row ? () => p.onOpen(row) : undefined} tabIndex={row ? 0 : -1}
                onKeyDown={(e) => { if (row && e.key === 'Enter') p.onOpen(row); }}>
                {row ? p.columns.map((c) => <div key={c.key} role="cell">{c.render(row)}</div>) : <div className="loading-row">{'　'}</div>}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
