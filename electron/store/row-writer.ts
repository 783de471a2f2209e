import type { Database, Statement } from 'better-sqlite3';
import { columnOf, toColumn, type ColumnKind, type EntityTable } from './columns';

/** One shape of write: the statement and how each field's value goes into its column. */
type Shape = { stmt: Statement; kinds: ColumnKind[] };

const shapes = new WeakMap<Database, Map<string, Shape>>();

function columnSpec(spec: EntityTable, field: string): [string, ColumnKind] {
  if (field === 'deletedAt') return ['deleted_at', 'plain'];
  const c = spec.columns[field];
  if (c === undefined) throw new Error(`未知字段 ${spec.entity}.${field}`);
  return columnOf(c);
}

/**
 * The statement writing these fields of a record: an UPDATE of a record this replica has, or for one
 * it has no log of, an INSERT (an upsert, should a row exist after all). Compiled once per shape:
 * a sync writes thousands of rows of a handful of shapes.
 */
function shapeOf(db: Database, spec: EntityTable, fields: string[], known: boolean): Shape {
  let cache = shapes.get(db);
  if (!cache) shapes.set(db, (cache = new Map()));
  const key = `${spec.table}\u0000${known ? 'u' : 'i'}\u0000${fields.join('\u0000')}`;
  let shape = cache.get(key);
  if (shape) return shape;
  const specs = fields.map((f) => columnSpec(spec, f));
  const cols = specs.map(([c]) => c);
  let sql: string;
  if (known) {
    sql = `UPDATE ${spec.table} SET ${[...cols, 'updated_at'].map((c) => `${c} = ?`).join(', ')} WHERE ${spec.key} = ?`;
  } else {
    const all = [spec.key, ...cols, 'created_at', 'updated_at'];
    const update = [...cols, 'updated_at'].map((c) => `${c} = excluded.${c}`).join(', ');
    sql = `INSERT INTO ${spec.table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')}) ON CONFLICT (${spec.key}) DO UPDATE SET ${update}`;
  }
  cache.set(key, (shape = { stmt: db.prepare(sql), kinds: specs.map(([, k]) => k) }));
  return shape;
}

/**
 * Writes fields to a record's row — a local edit's changed fields, or what a merge decided for a change
 * from elsewhere — creating the row on its first change (with a snapshot's whole record, `row`, when
 * there is one). The row's triggers keep its search index and sort key and refuse what a frozen record
 * forbids. `now` is the moment of the write (for a sync, of the page). Part of the write path.
 */
export function writeRow(db: Database, spec: EntityTable, id: string, won: Record<string, unknown>, known: true | undefined, row?: Record<string, unknown>, now = new Date().toISOString()): void {
  const values = known || !row ? won : { ...row, ...won };
  const fields = Object.keys(values);
  if (known && fields.length === 0) return;
  const { stmt, kinds } = shapeOf(db, spec, fields, known === true);
  const args: unknown[] = known ? [] : [id];
  for (let i = 0; i < fields.length; i++) args.push(toColumn(kinds[i], values[fields[i]]));
  if (known) args.push(now, id); else args.push(now, now);
  stmt.run(args);
}
