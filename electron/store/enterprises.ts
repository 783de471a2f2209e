import type { Database } from 'better-sqlite3';
import type { Enterprise, EnterpriseFilter, EnterpriseSummary } from '../../shared/api/enterprises';
import { industryName } from '../../shared/domain/industry';
import { ENTERPRISE } from './entities';
import { searchClause, whereBuilder } from './search';
import { rowToFields } from './write-path';
import { prepared } from './statements';

const SORT_COLUMNS: Record<string, string> = {
  name: 'e.name_key', uscc: 'e.uscc', town: 'e.town_code', industry: 'e.industry_code', updatedAt: 'e.updated_at',
};

function filterClause(f: EnterpriseFilter) {
  const w = whereBuilder();
  w.add('e.deleted_at IS NULL');
  if (f.townCode) w.add('e.town_code = ?', f.townCode);
  if (f.watershedId) w.add('e.watershed_id = ?', f.watershedId);
  if (f.industrySection) w.add('e.industry_code LIKE ?', `${f.industrySection}%`);
  if (f.permitClass) w.add('e.permit_class = ?', f.permitClass);
  if (f.keyUnit !== undefined) w.add('e.key_unit = ?', f.keyUnit ? 1 : 0);
  if (f.state) w.add('e.state = ?', f.state);
  if (f.q) {
    const s = searchClause(f.q, 'enterprises', 'e');
    if (s.sql) w.add(s.sql, ...s.params);
  }
  return w;
}

/** One sorted, filtered page of enterprise summaries and the total that match. */
export function listEnterprises(
  db: Database, f: EnterpriseFilter, sort: string, dir: 'asc' | 'desc', offset: number, limit: number,
): { total: number; rows: EnterpriseSummary[] } {
  const w = filterClause(f);
  const total = prepared(db, `SELECT count(*) FROM enterprises e ${w.sql}`).pluck().get(...w.params) as number;
  const order = `${SORT_COLUMNS[sort] ?? 'e.name'} ${dir === 'desc' ? 'DESC' : 'ASC'}, e.id`;
  const rows = prepared(db, `
    SELECT e.id, e.name, e.uscc, e.industry_code, e.permit_class, e.key_unit, e.state, e.town_code,
           r.name AS town_name, e.address, e.updated_at
    FROM enterprises e JOIN regions r ON r.code = e.town_code
    ${w.sql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...w.params, limit, offset) as Record<string, unknown>[];
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id as string, name: r.name as string, uscc: r.uscc as string,
      industryCode: r.industry_code as string | null, industryName: r.industry_code ? industryName(r.industry_code as string) : '',
      permitClass: r.permit_class as EnterpriseSummary['permitClass'], keyUnit: r.key_unit === 1,
      state: r.state as EnterpriseSummary['state'], townCode: r.town_code as string, townName: r.town_name as string,
      address: r.address as string, updatedAt: r.updated_at as string,
    })),
  };
}

/** The whole record with the names of what it points to; undefined when there is none. */
export function getEnterprise(db: Database, id: string, usccCheck: (uscc: string) => boolean): Enterprise | undefined {
  const row = prepared(db, `
    SELECT e.*, t.name AS town_name, v.name AS village_name, w.name AS watershed_name
    FROM enterprises e
    LEFT JOIN regions t ON t.code = e.town_code
    LEFT JOIN regions v ON v.code = e.village_code
    LEFT JOIN watersheds w ON w.id = e.watershed_id
    WHERE e.id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row) return undefined;
  const fields = rowToFields(ENTERPRISE, row) as Omit<Enterprise, 'industryName' | 'townName' | 'villageName' | 'watershedName' | 'usccCheckMatches'>;
  return {
    ...fields,
    industryName: fields.industryCode ? industryName(fields.industryCode) : '',
    townName: (row.town_name as string) ?? '',
    villageName: (row.village_name as string | null) ?? null,
    watershedName: (row.watershed_name as string | null) ?? null,
    usccCheckMatches: usccCheck(fields.uscc),
  };
}

/** Ids of live enterprises with this USCC, for duplicate warnings. */
export function enterprisesWithUscc(db: Database, uscc: string): string[] {
  return prepared(db, 'SELECT id FROM enterprises WHERE uscc = ? AND deleted_at IS NULL').pluck().all(uscc) as string[];
}

/** An enterprise's contact phone as stored (for a logged reveal), or undefined when there is no such enterprise. */
export function enterpriseContactPhone(db: Database, id: string): string | undefined {
  return db.prepare('SELECT contact_phone FROM enterprises WHERE id = ? AND deleted_at IS NULL').pluck().get(id) as string | undefined;
}
