import { useDirectories } from '../directories';

/** 流域 select. */
export function WatershedSelect(p: { value: string | null; onChange: (v: string | null) => void; emptyLabel?: string; name?: string }) {
  const d = useDirectories();
  return (
    <select name={p.name ?? 'watershedId'} aria-label="流域" value={p.value ?? ''} onChange={(e) => p.onChange(e.target.value || null)}>
      <option value="">{p.emptyLabel ?? '（未指定）'}</option>
      {d.watersheds.map((w) => <option key={w.id} value={w.id}>{w.name}</option>)}
    </select>
  );
}

/** 受纳水体 select, grouped by watershed. */
export function WaterBodySelect(p: { value: string | null; onChange: (v: string | null) => void; emptyLabel?: string }) {
  const d = useDirectories();
  return (
    <select name="waterBodyId" aria-label="受纳水体" value={p.value ?? ''} onChange={(e) => p.onChange(e.target.value || null)}>
      <option value="">{p.emptyLabel ?? '（未指定）'}</option>
      {d.watersheds.map((w) => (
        <optgroup key={w.id} label={w.name}>
          {d.waterBodies.filter((b) => b.watershedId === w.id).map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
        </optgroup>
      ))}
    </select>
  );
}
