import { useEffect, useState } from 'react';
import { call } from '../api';

type Found = { id: string; name: string; detail: string };
type PickerProps = { value: string | null; name: string | null; onChange: (id: string | null, name: string | null) => void };

/** Finds a record by any part of its name or code as you type (12 at a time), for registers of any size. */
function RecordPicker(p: PickerProps & { search: (q: string) => Promise<Found[]>; label: string; placeholder: string; inputName: string }) {
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<Found[]>([]);
  const { search } = p;
  useEffect(() => {
    if (!open) return;
    let live = true;
    const timer = setTimeout(() => { void search(q).then((r) => { if (live) setRows(r); }); }, 150);
    return () => { live = false; clearTimeout(timer); };
  }, [q, open, search]);
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
      <input name={p.inputName} aria-label={p.label} placeholder={p.placeholder} value={q}
        onFocus={() => setOpen(true)} onChange={(e) => { setQ(e.target.value); setOpen(true); }} />
      {open && rows.length > 0 && (
        <ul className="picker-list" role="listbox">
          {rows.map((r) => (
            <li key={r.id} role="option" aria-selected={false} onMouseDown={() => { p.onChange(r.id, r.name); setOpen(false); }}>
              {r.name}<small>{r.detail}</small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const searchEnterprises = async (q: string) => (await call('enterprises.list', { q: q || undefined, limit: 12 })).rows.map((r) => ({ id: r.id, name: r.name, detail: `${r.uscc} · ${r.townName}` }));
const searchOutfalls = async (q: string) => (await call('outfalls.list', { q: q || undefined, limit: 12 })).rows.map((r) => ({ id: r.id, name: r.name, detail: `${r.code ?? '编码暂不掌握'} · ${r.townName} · ${r.waterBodyName ?? ''}` }));

/** An 排污单位 found by name or 信用代码 (the 溯 of an outfall, the target of an inspection). */
export function EnterprisePicker(p: PickerProps & { label?: string }) {
  return <RecordPicker {...p} search={searchEnterprises} label={p.label ?? '查找责任主体'} placeholder="输入单位名称或信用代码查找" inputName="enterpriseSearch" />;
}

/** An 入河排污口 found by name or code. */
export function OutfallPicker(p: PickerProps & { label?: string }) {
  return <RecordPicker {...p} search={searchOutfalls} label={p.label ?? '查找排污口'} placeholder="输入排污口名称或编码查找" inputName="outfallSearch" />;
}
