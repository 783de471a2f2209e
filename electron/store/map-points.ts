import type { Database } from 'better-sqlite3';
import type { Points } from '../../shared/api/map';
import { UNFINISHED_STATES } from '../../shared/finding/states';
import { TARGET_STATUSES, targetStatus } from '../../shared/map/status';

const UNFINISHED = UNFINISHED_STATES.map((s) => `'${s}'`).join(', ');

/** Targets of one kind as parallel arrays, with their status on `today`, and how many have no position. */
export function mapPoints(db: Database, kind: 'enterprise' | 'outfall', today: string): { points: Points; unlocated: { total: number; first: { id: string; name: string }[] } } {
  const table = kind === 'enterprise' ? 'enterprises' : 'outfalls';
  const detail = kind === 'enterprise' ? "coalesce(substr(t.industry_code, 1, 1), '')" : 't.type';
  const rows = db.prepare(`WITH f AS (SELECT target_id, sum(state IN (${UNFINISHED})) AS open, sum(state IN (${UNFINISHED}) AND deadline < ?) AS overdue
      FROM findings WHERE target_kind = ? AND deleted_at IS NULL GROUP BY target_id),
    i AS (SELECT DISTINCT target_id FROM inspections WHERE target_kind = ? AND state = 'finalized' AND started_at >= ?)
    SELECT t.id, t.name, t.lon, t.lat, t.town_code AS town, coalesce(t.watershed_id, '') AS ws, ${detail} AS detail,
      coalesce(f.open, 0) AS open, coalesce(f.overdue, 0) AS overdue, i.target_id IS NOT NULL AS inspected
    FROM ${table} t LEFT JOIN f ON f.target_id = t.id LEFT JOIN i ON i.target_id = t.id
    WHERE t.deleted_at IS NULL AND t.lon IS NOT NULL AND t.lat IS NOT NULL`).raw().all(today, kind, kind, `${today.slice(0, 4)}-01-01`) as [string, string, number, number, string, string, string, number, number, number][];
  const p: Points = { ids: [], names: [], lon: [], lat: [], status: [], town: [], watershed: [], detail: [] };
  for (const [id, name, lon, lat, town, ws, det, open, overdue, inspected] of rows) {
    p.ids.push(id); p.names.push(name); p.lon.push(lon); p.lat.push(lat); p.town.push(town); p.watershed.push(ws); p.detail.push(det);
    p.status.push(TARGET_STATUSES.indexOf(targetStatus(open, overdue, inspected === 1)));
  }
  const total = db.prepare(`SELECT count(*) FROM ${table} WHERE deleted_at IS NULL AND (lon IS NULL OR lat IS NULL)`).pluck().get() as number;
  const first = db.prepare(`SELECT id, name FROM ${table} WHERE deleted_at IS NULL AND (lon IS NULL OR lat IS NULL) ORDER BY name LIMIT 200`).all() as { id: string; name: string }[];
  return { points: p, unlocated: { total, first } };
}
