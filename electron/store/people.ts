import type { Database } from 'better-sqlite3';
import type { Person } from '../../shared/api/people';
import { PERSON } from './entities';
import { rowToFields } from './write-path';
import { prepared } from './statements';

function toPerson(row: Record<string, unknown>): Person {
  const f = rowToFields(PERSON, row) as Omit<Person, 'townName'>;
  return { id: f.id, name: f.name, role: f.role, certificateNo: f.certificateNo, unit: f.unit, post: f.post,
    townCode: f.townCode, phone: f.phone, active: f.active, townName: (row.town_name as string | null) ?? null };
}

const SELECT = 'SELECT p.*, r.name AS town_name FROM people p LEFT JOIN regions r ON r.code = p.town_code';

/** People of the directory, by role then name. */
export function listPeople(db: Database, role?: string, includeInactive = false): Person[] {
  const rows = prepared(db, `${SELECT} WHERE p.deleted_at IS NULL AND (? IS NULL OR p.role = ?) AND (? = 1 OR p.active = 1) ORDER BY p.role, p.name`)
    .all(role ?? null, role ?? null, includeInactive ? 1 : 0) as Record<string, unknown>[];
  return rows.map(toPerson);
}

export function getPerson(db: Database, id: string): Person | undefined {
  const row = prepared(db, `${SELECT} WHERE p.id = ?`).get(id) as Record<string, unknown> | undefined;
  return row ? toPerson(row) : undefined;
}

/** Live people holding this enforcement-certificate number. */
export function peopleWithCertificate(db: Database, certificateNo: string): string[] {
  return prepared(db, 'SELECT id FROM people WHERE certificate_no = ? AND deleted_at IS NULL').pluck().all(certificateNo) as string[];
}
