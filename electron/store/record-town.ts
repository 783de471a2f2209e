import type { Database } from 'better-sqlite3';
import { namesSubject, parentOf, subjectOf } from '../../shared/sync/roles';
import { ENTITY_TABLES } from './entities';
import { prepared } from './statements';

/**
 * Where a local write lies, as this laptop holds its records (the laptop's mirror of the hub's
 * `record-area.ts`): a child record lies in its parent's town, a record of a town of its own where it is
 * now until the write moves it, a new record where it says (or, saying none, where its target is).
 * `undefined` from townOf: no such record here.
 */
function townOf(db: Database, entity: string, id: string): string | null | undefined {
  const spec = ENTITY_TABLES.get(entity);
  if (!spec) return undefined;
  const col = spec.columns.townCode;
  const row = prepared(db, `SELECT ${col ? `${Array.isArray(col) ? col[0] : col} AS town` : 'NULL AS town'} FROM ${spec.table} WHERE ${spec.key} = ?`).get(id) as { town: string | null } | undefined;
  return row ? row.town : undefined;
}

/** Whether this laptop holds the record. */
export function recordHeld(db: Database, entity: string, id: string): boolean {
  return townOf(db, entity, id) !== undefined;
}

export type LocalArea = { known: boolean; current: string | null; next: string | null; target: string | null; targetChanged: boolean; targetUnknown: boolean };

/** Where a write of these fields to this record lies (see above). */
export function localArea(db: Database, entity: string, id: string, fields: Record<string, unknown>): LocalArea {
  const existing = townOf(db, entity, id);
  const known = existing !== undefined;
  const current = existing ?? null;
  const parent = parentOf(entity, id, fields);
  if (parent) {
    const at = townOf(db, parent.entity, parent.id);
    return { known, current, next: at === undefined ? current : at, target: null, targetChanged: false, targetUnknown: false };
  }
  const target = subjectOf(entity, fields);
  const targetTown = target ? townOf(db, target.entity, target.id) : undefined;
  const claimed = typeof fields.townCode === 'string' ? fields.townCode : fields.townCode === null ? null : undefined;
  const next = typeof claimed === 'string' ? claimed : known && claimed === undefined ? current : targetTown ?? null;
  const targetChanged = namesSubject(entity, fields);
  return { known, current, next, target: targetTown ?? null, targetChanged, targetUnknown: target !== null && targetTown === undefined };
}
