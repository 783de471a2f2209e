import { useDirectories } from '../directories';

/** 镇街 → 村居: choosing a town narrows the villages; changing the town clears a village of another. */
export function TownVillagePicker(p: { town: string; village: string | null; onChange: (town: string, village: string | null) => void }) {
  const d = useDirectories();
  const villages = p.town ? d.villagesOf(p.town) : [];
  return (
    <div className="pair">
      <select name="townCode" aria-label="所属镇街" value={p.town} onChange={(e) => p.onChange(e.target.value, null)}>
        <option value="">请选择镇街</option>
        {d.towns.map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}
      </select>
      <select name="villageCode" aria-label="所属村居" value={p.village ?? ''} disabled={!p.town} onChange={(e) => p.onChange(p.town, e.target.value || null)}>
        <option value="">（不指定村居）</option>
        {villages.map((v) => <option key={v.code} value={v.code}>{v.name}</option>)}
      </select>
    </div>
  );
}

/** A town filter for lists. */
export function TownFilter(p: { value: string; onChange: (v: string) => void }) {
  const d = useDirectories();
  return (
    <select aria-label="镇街" value={p.value} onChange={(e) => p.onChange(e.target.value)}>
      <option value="">全部镇街</option>
      {d.towns.map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}
    </select>
  );
}
