import type { Database } from 'better-sqlite3';
import type { Clock } from '../../shared/sync/hlc';
import { blobRefs } from '../../shared/sync/blob-refs';
import { baseFor, hasConflict, mergeChange, type FieldHeads } from '../../shared/sync/merge';
import { expectBlob, forgetExpectedBlob } from './blob-store';
import { appendChange, removeChange } from './change-log';
import { columnOf, toColumn, fromColumn, type ColumnKind, type EntityTable } from './columns';
import { hasConflicts, loadHeads, noteConflicts } from './field-heads';
import { writeRow } from './row-writer';
import { prepared } from './statements';

export { toColumn, fromColumn, type ColumnKind, type EntityTable } from './columns';

/** `stamp`: this node's next change number and timestamp, read inside the write's transaction (another process may write the same file). */
export type WriteContext = { db: Database; clock: Clock; nodeId: string; stamp: () => { nseq: number; hlc: string } };
/** `force`: fields recorded even when their value is unchanged (resolving a conflict in favour of the current value). */
/** `account`: the hub account the change is made under (sent with it: the hub judges it by that account's role and towns). */
export type WriteOptions = { force?: string[]; account?: string | null };

export type WriteResult = { changed: string[]; hlc: string | null; created: boolean };

/**
 * The one write path (DESIGN §5), for a local edit (an import's rows included): writes the changed
 * fields of one record and its change record in the same transaction. Unchanged fields are not recorded; a write that changes nothing is a no-op.
 * A deletion is the field `deletedAt` set — a tombstone, never a DELETE.
 */
export function writeRecord(
  ctx: WriteContext, spec: EntityTable, id: string, fields: Record<string, unknown>, author: string, opts: WriteOptions = {},
): WriteResult {
  const { db } = ctx;
  return db.transaction((): WriteResult => {
    const existing = prepared(db, `SELECT * FROM ${spec.table} WHERE ${spec.key} = ?`).get(id) as Record<string, unknown> | undefined;
    const changed: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      const colSpec = field === 'deletedAt' ? 'deleted_at' : spec.columns[field];
      if (colSpec === undefined) throw new Error(`unknown field ${spec.entity}.${field}`);
      const [col, kind] = columnOf(colSpec);
      const stored = toColumn(kind, value);
      if (existing && existing[col] === stored && !opts.force?.includes(field)) continue;
      changed[field] = value ?? null;
    }
    const names = Object.keys(changed);
    if (existing && names.length === 0) return { changed: [], hlc: null, created: false };
    const { nseq, hlc } = ctx.stamp();
    writeRow(db, spec, id, changed, existing ? true : undefined);
    // The base: what this write replaces, as this replica has it (a conflict's heads included).
    const heads = existing ? loadHeads(db, spec.entity, id) : {};
    const base = baseFor(heads, names);
    appendChange(db, { node: ctx.nodeId, nseq, entity: spec.entity, entityId: id, hlc, author, fields: JSON.stringify(changed), base: JSON.stringify(base), hubSeq: null, sent: false, pushedBy: null, account: opts.account ?? null });
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

/** A change made elsewhere — a hub page's, a bundle's, a snapshot's or a record history's — as the write path keeps it. */
export type ReceivedChange = {
  node: string; nseq: number | null; entity: string; entityId: string; hlc: string; author: string;
  fields: Record<string, unknown>; base: Record<string, string[]>; hubSeq: number | null; pushedBy?: string | null;
  /** A snapshot's whole record (its winning values), to create the row in one go. */
  row?: Record<string, unknown>;
};

/** What the merge decided for a received change: the fields it wins, the record's heads before and after it, whether the record has a log here. */
export type Merged = { won: Record<string, unknown>; before: FieldHeads; after: FieldHeads; known: boolean };

/**
 * The write path for a change made elsewhere, once the merge has decided what it changes: the blobs
 * it refers to registered first (media pending), the row written as a local edit's is (its triggers
 * keep the search index and sort key, and refuse what a frozen record forbids), the change kept in
 * the log as already sent, and `sync_conflicts` in step with the record's heads. A refusal throws and
 * leaves nothing of the change: SQLite undoes its statement, and blob rows registered for it alone are
 * taken back. `now` is the moment of the page. True when the change gave the record a conflict.
 */
export function writeReceived(db: Database, spec: EntityTable, c: ReceivedChange, merged: Merged, now: string): boolean {
  const had = hasConflict(merged.before);
  const has = hasConflict(merged.after);
  // A change that touches the record's conflicts writes three tables: one savepoint holds them. The
  // common change writes its log entry first and its row second, and takes the entry back if the row is
  // refused — all-or-nothing without a savepoint's journal for every change (the apply rate).
  if (had || has) {
    let atomic = received.get(db);
    if (!atomic) { atomic = db.transaction(writeWithConflicts); received.set(db, atomic); }
    atomic(db, spec, c, merged, now);
  } else {
    writeLogThenRow(db, spec, c, merged, now);
  }
  return has && !had;
}

const received = new WeakMap<Database, (db: Database, spec: EntityTable, c: ReceivedChange, merged: Merged, now: string) => void>();

function writeWithConflicts(db: Database, spec: EntityTable, c: ReceivedChange, merged: Merged, now: string): void {
  writeLogThenRow(db, spec, c, merged, now);
  noteConflicts(db, c.entity, c.entityId, merged.after);
}

/** The change's log entry, then its files' rows and its row; a refusal of the row leaves neither. */
function writeLogThenRow(db: Database, spec: EntityTable, c: ReceivedChange, merged: Merged, now: string): void {
  const entry = appendChange(db, {
    node: c.node, nseq: c.nseq, entity: c.entity, entityId: c.entityId, hlc: c.hlc, author: c.author,
    fields: JSON.stringify(c.fields), base: jsonOf(c.base), hubSeq: c.hubSeq, sent: true, pushedBy: c.pushedBy ?? null,
  });
  const registered = blobRefs(c.entity, c.row ? { ...c.row, ...c.fields } : c.fields).filter((hash) => expectBlob(db, hash, now));
  try {
    writeRow(db, spec, c.entityId, merged.won, merged.known || undefined, c.row, now);
  } catch (e) {
    for (const hash of registered) forgetExpectedBlob(db, hash);
    removeChange(db, entry);
    throw e;
  }
}

function jsonOf(base: Record<string, string[]>): string {
  for (const _ in base) return JSON.stringify(base);
  return '{}';
}

/** A table's fields with their column and kind, worked out once per table (rows are read by the thousand). */
const fieldColumns = new WeakMap<EntityTable, [string, string, ColumnKind][]>();
function columnsOf(spec: EntityTable): [string, string, ColumnKind][] {
  let list = fieldColumns.get(spec);
  if (!list) fieldColumns.set(spec, (list = Object.entries(spec.columns).map(([field, c]) => [field, ...columnOf(c)])));
  return list;
}

/** Maps a row to domain fields by the table spec (the inverse of what writeRecord stores). */
export function rowToFields(spec: EntityTable, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { [spec.key]: row[spec.key] };
  for (const [field, col, kind] of columnsOf(spec)) out[field] = fromColumn(kind, row[col]);
  out.createdAt = row.created_at;
  out.updatedAt = row.updated_at;
  out.deleted = row.deleted_at !== null && row.deleted_at !== undefined;
  return out;
}
