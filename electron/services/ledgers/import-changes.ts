import { toColumn, type EntityTable } from '../../store/write-path';

/** One field an imported row changes: its name, the value now and the sheet's ("联系电话 138… → 139…"). */
export type FieldChange = { key: string; label: string; from: string; to: string };

/** Half of the last place a ledger writes a coordinate in (0.1″ of 度分秒; 6 decimals is finer): a smaller difference is its rounding. */
const COORD_ROUNDING_DEG = 0.05 / 3600;

const METRES_PER_DEG = 111_320;

const shown = (v: unknown) => {
  if (v === null || v === undefined || v === '') return '（空）';
  const t = typeof v === 'string' ? v : JSON.stringify(v);
  return t.length > 30 ? `${t.slice(0, 30)}…` : t;
};

/**
 * The fields of an update, said one by one; a coordinate that differs from the stored one only by the
 * rounding of how ledgers write it (度分秒 to 0.1″, 6 decimals) is flagged `same` with the distance.
 */
export function changeLines(entity: EntityTable, stored: Record<string, unknown>, changed: Record<string, unknown>, labelOf: (key: string) => string):
  (FieldChange & { same: boolean; note: string })[] {
  return Object.entries(changed).map(([key, v]) => {
    const spec = entity.columns[key];
    const [column, kind] = typeof spec === 'string' ? [spec, 'plain' as const] : spec;
    const before = stored[column];
    const after = toColumn(kind, v);
    const label = labelOf(key);
    if ((key === 'lon' || key === 'lat') && typeof before === 'number' && typeof after === 'number') {
      const d = Math.abs(before - after);
      const metres = d * METRES_PER_DEG * (key === 'lon' ? Math.cos((Number(stored.lat ?? 30) * Math.PI) / 180) : 1);
      const note = metres < 1 ? `${metres.toFixed(1)} m` : `${Math.round(metres)} m`;
      return { key, label, from: String(before), to: String(after), same: d <= COORD_ROUNDING_DEG, note };
    }
    return { key, label, from: shown(before), to: shown(after), same: false, note: '' };
  });
}
