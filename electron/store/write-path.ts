import type { Database } from 'better-sqlite3';
import type { Clock } from '../../shared/sync/hlc';
import { baseFor, mergeChange } from '../../shared/sync/merge';
import { hasConflicts, loadHeads, noteConflicts } from './field-heads';
import { prepared } from './statements';

/** How a domain field is kept in a column: plain, 0/1 boolean, or JSON text. */
type ColumnKind = 'plain' | 'bool' | 'json';
export type EntityTable = {
  entity: string;
  table: string;
  key: string;
  /** domain field → column (and how it is kept). */
  columns: Record<string, string | [string, ColumnKind]>;
};

/** `stamp`: this node's next change number and timestamp, read inside the write's transaction (another process may write the same file). */
export type WriteContext = { db: Database; clock: Clock; nodeId: string; stamp: () => { nseq: number; hlc: string } };
/** `force`: fields recorded even when their value is unchanged (resolving a conflict in favour of the current value). */
export type WriteOptions = { force?: string[] };

function columnOf(spec: string | [string, ColumnKind]): [string, ColumnKind] {
  return typeof spec === 'string' ? [spec, 'plain'] : spec;
}

/** Converts a domain value to what the column holds. */
export function toColumn(kind: ColumnKind, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (kind === 'bool') return value ? 1 : 0;
  if (kind === 'json') return JSON.stringify(value);
  return value;
}

/** Converts a column value back to the domain value. */
export function fromColumn(kind: ColumnKind, value: unknown): unknown {
  if (kind === 'bool') return value === 1;
  if (kind === 'json') return value === null ? null : JSON.parse(value as string);
  return value;
}

export type WriteResult = { changed: string[]; hlc: string | null; created: boolean };

/**
 * The one write path (DESIGN §5): writes the changed fields of one record and its change record in
 * the same transaction. Unchanged fields are not recorded; a write that changes nothing is a no-op.
 * A deletion is the field `deletedAt` set — a tombstone, never a DELETE.
 */
export function writeRecord(
  ctx: WriteContext, spec: EntityTable, id: string, fields: Record<string, unknown>, author: string, opts: WriteOptions = {},
): WriteResult {
  const { db } = ctx;
  return db.transaction((): WriteResult => {
    const existing = prepared(db, `SELECT * FROM ${spec.table} WHERE ${spec.key} = ?`).get(id) as Record<string, unknown> | undefined;
    const changed: Record<string, unknown> = {};
    const cols: string[] = [];
    const vals: unknown[] = [];
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      const colSpec = field === 'deletedAt' ? 'deleted_at' : spec.columns[field];
      if (colSpec === undefined) throw new Error(`unknown field ${spec.entity}.${field}`);
      const [col, kind] = columnOf(colSpec);
      const stored = toColumn(kind, value);
      if (existing && existing[col] === stored && !opts.force?.includes(field)) continue;
      changed[field] = value ?? null;
      cols.push(col);
      vals.push(stored);
    }
    const names = Object.keys(changed);
    if (existing && names.length === 0) return { changed: [], hlc: null, created: false };
    const { nseq, hlc } = ctx.stamp();
    const now = new Date().toISOString();
    if (existing) {
      const sets = cols.map((c) => `${c} = ?`).join(', ');
      prepared(db, `UPDATE ${spec.table} SET ${sets}, updated_at = ? WHERE ${spec.key} = ?`).run(...vals, now, id);
    } else {
      const allCols = [spec.key, ...cols, 'created_at', 'updated_at'];
      prepared(db, `INSERT INTO ${spec.table} (${allCols.join(', ')}) VALUES (${allCols.map(() => '?').join(', ')})`).run(id, ...vals, now, now);
    }
    // The base: what this write replaces, as this replica has it (a conflict's heads included).
    const heads = existing ? loadHeads(db, spec.entity, id) : {};
    const base = baseFor(heads, names);
    prepared(db, 'INSERT INTO changes (node, nseq, entity, entity_id, hlc, author, fields, base) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(ctx.nodeId, nseq, spec.entity, id, hlc, author, JSON.stringify(changed), JSON.stringify(base));
    if (existing && (heads.deletedAt || hasConflicts(db, spec.entity, id))) {
      const outcome = mergeChange(heads, { hlc, author, fields: changed, base });
      noteConflicts(db, spec.entity, id, outcome.heads);
      // An edit can carry a kept record's claim against a deletion (see merge.ts): the row follows the heads.
      if ('deletedAt' in outcome.won && outcome.won.deletedAt !== (changed.deletedAt ?? existing.deleted_at)) {
        prepared(db, `UPDATE ${spec.table} SET deleted_at = ? WHERE ${spec.key} = ?`).run(outcome.won.deletedAt ?? null, id);
      }
    }
    return { changed: names, hlc, created: !existing };
  }).immediate();
}

/** Maps a row to domain fields by the table spec (the inverse of what writeRecord stores). */
export function rowToFields(spec: EntityTable, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { [spec.key]: row[spec.key] };
  for (const [field, colSpec] of Object.entries(spec.columns)) {
    const [col, kind] = columnOf(colSpec);
    out[field] = fromColumn(kind, row[col]);
  }
  out.createdAt = row.created_at;
  out.updatedAt = row.updated_at;
  out.deleted = row.deleted_at !== null && row.deleted_at !== undefined;
  return out;
}
