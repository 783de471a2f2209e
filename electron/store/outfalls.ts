import type { Database } from 'better-sqlite3';
import type { Outfall, OutfallFilter, OutfallSummary } from '../../shared/api/outfalls';
import { OUTFALL } from './entities';
import { searchClause, whereBuilder } from './search';
import { rowToFields } from './write-path';
import { prepared } from './statements';

const SORT_COLUMNS: Record<string, string> = {
  name: 'o.name_key', code: 'o.code', town: 'o.town_code', type: 'o.type', waterBody: 'o.water_body_id', updatedAt: 'o.updated_at',
};

function filterClause(f: OutfallFilter) {
  const w = whereBuilder();
  w.add('o.deleted_at IS NULL');
  if (f.townCode) w.add('o.town_code = ?', f.townCode);
  if (f.watershedId) w.add('o.watershed_id = ?', f.watershedId);
  if (f.waterBodyId) w.add('o.water_body_id = ?', f.waterBodyId);
  if (f.type) w.add('o.type = ?', f.type);
  if (f.remediationCategory) w.add('o.remediation_category = ?', f.remediationCategory);
  if (f.remediationState) w.add('o.remediation_state = ?', f.remediationState);
  if (f.enterpriseId) w.add('o.enterprise_id = ?', f.enterpriseId);
  if (f.q) {
    const s = searchClause(f.q, 'outfalls', 'o');
    if (s.sql) w.add(s.sql, ...s.params);
  }
  return w;
}

/** One sorted, filtered page of outfall summaries and the total that match. */
export function listOutfalls(
  db: Database, f: OutfallFilter, sort: string, dir: 'asc' | 'desc', offset: number, limit: number,
): { total: number; rows: OutfallSummary[] } {
  const w = filterClause(f);
  const total = prepared(db, `SELECT count(*) FROM outfalls o ${w.sql}`).pluck().get(...w.params) as number;
  const order = `${SORT_COLUMNS[sort] ?? 'o.name'} ${dir === 'desc' ? 'DESC' : 'ASC'}, o.id`;
  const rows = prepared(db, `
    SELECT o.id, o.name, o.code, o.type, o.sub_type, o.town_code, r.name AS town_name, b.name AS water_body_name,
           o.remediation_category, o.remediation_state, o.updated_at
    FROM outfalls o JOIN regions r ON r.code = o.town_code LEFT JOIN water_bodies b ON b.id = o.water_body_id
    ${w.sql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...w.params, limit, offset) as Record<string, unknown>[];
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id as string, name: r.name as string, code: r.code as string | null,
      type: r.type as OutfallSummary['type'], subType: r.sub_type as string,
      townCode: r.town_code as string, townName: r.town_name as string, waterBodyName: r.water_body_name as string | null,
      remediationCategory: r.remediation_category as OutfallSummary['remediationCategory'],
      remediationState: r.remediation_state as OutfallSummary['remediationState'], updatedAt: r.updated_at as string,
    })),
  };
}

/** The whole record with the names of what it points to; undefined when there is none. */
export function getOutfall(db: Database, id: string): Outfall | undefined {
  const row = prepared(db, `
    SELECT o.*, t.name AS town_name, v.name AS village_name, b.name AS water_body_name,
           w.name AS watershed_name, e.name AS enterprise_name
    FROM outfalls o
    LEFT JOIN regions t ON t.code = o.town_code
    LEFT JOIN regions v ON v.code = o.village_code
    LEFT JOIN water_bodies b ON b.id = o.water_body_id
    LEFT JOIN watersheds w ON w.id = o.watershed_id
    LEFT JOIN enterprises e ON e.id = o.enterprise_id
    WHERE o.id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row) return undefined;
  const fields = rowToFields(OUTFALL, row) as Omit<Outfall, 'townName' | 'villageName' | 'waterBodyName' | 'watershedName' | 'enterpriseName'>;
  return {
    ...fields,
    townName: (row.town_name as string) ?? '',
    villageName: (row.village_name as string | null) ?? null,
    waterBodyName: (row.water_body_name as string | null) ?? null,
    watershedName: (row.watershed_name as string | null) ?? null,
    enterpriseName: (row.enterprise_name as string | null) ?? null,
  };
}

/**
 * The id of a live outfall holding this national code, if any — other than `except` (normally one:
 * two only when laptops registered it offline, listed as 编码重复 until someone keeps one).
 */
export function outfallWithCode(db: Database, code: string, except: string | null = null): string | undefined {
  return prepared(db, 'SELECT id FROM outfalls WHERE code = ? AND deleted_at IS NULL AND id IS NOT ? ORDER BY created_at, id').pluck().get(code, except) as string | undefined;
}
