import type { Database } from 'better-sqlite3';
import type { HistoryEntry } from '../../shared/api/workspace';
import { parseHlc } from '../../shared/sync/hlc';
import { prepared } from './statements';

const REFERENCES: Record<string, string> = {
  townCode: 'SELECT name FROM regions WHERE code = ?', villageCode: 'SELECT name FROM regions WHERE code = ?',
  parentCode: 'SELECT name FROM regions WHERE code = ?', watershedId: 'SELECT name FROM watersheds WHERE id = ?',
  waterBodyId: 'SELECT name FROM water_bodies WHERE id = ?', enterpriseId: 'SELECT name FROM enterprises WHERE id = ?',
};

function namesOf(db: Database, fields: Record<string, unknown>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    const sql = REFERENCES[field];
    if (!sql || typeof value !== 'string') continue;
    const name = prepared(db, sql).pluck().get(value) as string | undefined;
    if (name) names[field] = name;
  }
  return names;
}

/** The change records of one record, newest first, with the author's name and referenced names. */
export function historyOf(db: Database, entity: string, id: string): HistoryEntry[] {
  const rows = prepared(db, `
    SELECT c.hlc, c.author, c.fields, c.pushed_by, p.name AS author_name
    FROM changes c LEFT JOIN people p ON p.id = c.author
    WHERE c.entity = ? AND c.entity_id = ? ORDER BY c.hlc DESC`).all(entity, id) as Record<string, string | null>[];
  return rows.map((r) => ({
    hlc: r.hlc!, at: new Date(parseHlc(r.hlc!).ms).toISOString(), author: r.author!,
    authorName: r.author_name ?? (r.author === 'system' ? '系统' : r.author!), pushedBy: r.pushed_by ?? null, ...withNames(db, JSON.parse(r.fields!) as Record<string, unknown>),
  }));
}

function withNames(db: Database, fields: Record<string, unknown>) {
  return { fields, names: namesOf(db, fields) };
}

/** Every change of one kind of record, record by record in HLC order (its fields as written). */
export function changesOfKind(db: Database, entity: string): IterableIterator<{ id: string; fields: string }> {
  return db.prepare('SELECT entity_id AS id, fields FROM changes WHERE entity = ? ORDER BY entity_id, hlc').iterate(entity) as IterableIterator<{ id: string; fields: string }>;
}

/** The latest change of one field of a record: who (name) and when; null when the log has none. */
export function lastFieldChange(db: Database, entity: string, id: string, field: string): { by: string; at: string } | null {
  const r = prepared(db, `SELECT c.hlc, c.author, p.name AS author_name FROM changes c LEFT JOIN people p ON p.id = c.author
    WHERE c.entity = ? AND c.entity_id = ? AND json_type(c.fields, '$.' || ?) IS NOT NULL ORDER BY c.hlc DESC LIMIT 1`).get(entity, id, field) as { hlc: string; author: string; author_name: string | null } | undefined;
  if (!r) return null;
  return { by: r.author_name ?? (r.author === 'system' ? '系统' : r.author), at: new Date(parseHlc(r.hlc).ms).toISOString() };
}
