import { useEffect, useState } from 'react';
import type { EnterpriseSummary } from '../../shared/api/enterprises';
import { call } from '../api';

/** Finds an 排污单位 by any part of its name or code, for the 溯 (responsible party) of an outfall. */
export function EnterprisePicker(p: { value: string | null; name: string | null; onChange: (id: string | null, name: string | null) => void }) {
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<EnterpriseSummary[]>([]);
  useEffect(() => {
    if (!open) return;
    let live = true;
    const timer = setTimeout(() => {
      void call('enterprises.list', { q: q || undefined, limit: 12 }).then((r) => { if (live) setRows(r.rows); });
    }, 150);
    return () => { live = false; clearTimeout(timer); };
  }, [q, open]);
  if (p.value && !open) {
    return (
      <div className="pair">
        <span className="chosen">{p.name ?? p.value}</span>
        <button type="button" className="link" onClick={() => { setOpen(true); setQ(''); }}>更换</button>
        <button type="button" className="link" onClick={() => p.onChange(null, null)}>清除</button>
      </div>
    );
  }
  return (
    <div className="picker">
      <input name="enterpriseSearch" aria-label="查找责任主体" placeholder="输入单位名称或信用代码查找" value={q}
        onFocus={() => setOpen(true)} onChange={(e) => { setQ(e.target.value); setOpen(true); }} />
      {open && rows.length > 0 && (
        <ul className="picker-list" role="listbox">
          {rows.map((r) => (
            <li key={r.id} role="option" aria-selected={false} onMouseDown={() => { p.onChange(r.id, r.name); setOpen(false); }}>
              {r.name}<small>{r.uscc} · {r.townName}</small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
