import type { Database } from 'better-sqlite3';
import type { Finding } from '../../shared/api/findings';
import { FINDING } from './entities';
import { prepared } from './statements';
import { rowToFields } from './write-path';

export type FindingFilter = { targetKind?: string; targetId?: string; sourceId?: string; townCode?: string };

/** Findings newest first, by target, source record or town. */
export function listFindings(db: Database, f: FindingFilter, offset: number, limit: number): { total: number; rows: Finding[] } {
  const where = ['f.deleted_at IS NULL'];
  const args: unknown[] = [];
  for (const [col, value] of [['f.target_kind', f.targetKind], ['f.target_id', f.targetId], ['f.source_id', f.sourceId], ['f.town_code', f.townCode]] as const) {
    if (value) { where.push(`${col} = ?`); args.push(value); }
  }
  const from = `FROM findings f LEFT JOIN regions r ON r.code = f.town_code WHERE ${where.join(' AND ')}`;
  const total = (prepared(db, `SELECT count(*) AS n ${from}`).get(...args) as { n: number }).n;
  const rows = prepared(db, `SELECT f.*, r.name AS town_name ${from} ORDER BY f.found_at DESC, f.id DESC LIMIT ? OFFSET ?`).all(...args, limit, offset) as Record<string, unknown>[];
  return {
    total,
    rows: rows.map((r) => {
      const { createdAt: _c, updatedAt: _u, deleted: _d, ...fields } = rowToFields(FINDING, r);
      return { ...fields, townName: (r.town_name as string | null) ?? null } as Finding;
    }),
  };
}
