import type { Queryable } from './hub-db';
import { visibleClause, type Reader } from './visibility';

/** The hub's current state of each record (`records`): its field heads, town, parent and last change. */

/** A record as a push reads it: its heads (JSON), the town it is filed under, its parent ("entity:id"). */
export type RecordRow = { heads: string; town: string | null; parent: string | null };

/** The record's row, if the hub holds it. */
export function recordRow(q: Queryable, entity: string, id: string): Promise<RecordRow | undefined> {
  return q.one<RecordRow>('SELECT heads, town, parent FROM records WHERE entity = $1 AND entity_id = $2', [entity, id]);
}

/** A record's state once a change is merged into it. */
export type RecordState = { entity: string; entityId: string; heads: string; town: string | null; lastSeq: number; conflicted: boolean; parent: string | null };

/** Writes a record's state (new, or in place of what it was). */
export function saveRecord(q: Queryable, r: RecordState): Promise<void> {
  return q.run(`INSERT INTO records (entity, entity_id, heads, town, last_seq, conflicted, parent) VALUES ($1, $2, $3, $4, $5, $6, $7)
    ON CONFLICT (entity, entity_id) DO UPDATE SET heads = excluded.heads, town = excluded.town, last_seq = excluded.last_seq, conflicted = excluded.conflicted, parent = excluded.parent`,
  [r.entity, r.entityId, r.heads, r.town, r.lastSeq, r.conflicted ? 1 : 0, r.parent]);
}

/** Rows per multi-row statement (well under either database's limit on placeholders). */
const CHUNK = 200;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** These records' rows, by "entity:id", in one query per 200 (those the hub does not hold are absent). */
export async function recordRows(q: Queryable, keys: { entity: string; id: string }[]): Promise<Map<string, RecordRow>> {
  const out = new Map<string, RecordRow>();
  for (const part of chunks(keys)) {
    const values = part.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
    const rows = await q.all<RecordRow & { entity: string; entity_id: string }>(`SELECT entity, entity_id, heads, town, parent FROM records
      WHERE (entity, entity_id) IN (VALUES ${values})`, part.flatMap((k) => [k.entity, k.id]));
    for (const r of rows) out.set(`${r.entity}:${r.entity_id}`, { heads: r.heads, town: r.town, parent: r.parent });
  }
  return out;
}

/** Which of these records ("entity:id") the hub holds children of. */
export async function parentsAmong(q: Queryable, keys: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const part of chunks(keys)) {
    const marks = part.map((_, i) => `$${i + 1}`).join(', ');
    out.push(...(await q.all<{ parent: string }>(`SELECT DISTINCT parent FROM records WHERE parent IN (${marks})`, part)).map((r) => r.parent));
  }
  return out;
}

/** Writes records' states (new, or in place of what they were), 200 to a statement; each record once. */
export async function saveRecords(q: Queryable, states: RecordState[]): Promise<void> {
  for (const part of chunks(states)) {
    const values = part.map((_, i) => `(${Array.from({ length: 7 }, (_, j) => `$${7 * i + j + 1}`).join(', ')})`).join(', ');
    await q.run(`INSERT INTO records (entity, entity_id, heads, town, last_seq, conflicted, parent) VALUES ${values}
      ON CONFLICT (entity, entity_id) DO UPDATE SET heads = excluded.heads, town = excluded.town, last_seq = excluded.last_seq, conflicted = excluded.conflicted, parent = excluded.parent`,
    part.flatMap((r) => [r.entity, r.entityId, r.heads, r.town, r.lastSeq, r.conflicted ? 1 : 0, r.parent]));
  }
}

/** Files a record's children under its town. */
export function setChildrenTown(q: Queryable, parent: string, town: string | null): Promise<void> {
  return q.run('UPDATE records SET town = $1 WHERE parent = $2', [town, parent]);
}

/** Whether this reader may see the record (`refs` false: as one of theirs, not as a reference). */
export async function recordVisible(q: Queryable, who: Reader, entity: string, id: string, refs = true): Promise<boolean> {
  const v = visibleClause({ role: who.role, towns: who.towns }, 3, '', refs);
  return (await q.one(`SELECT 1 AS ok FROM records WHERE entity = $1 AND entity_id = $2${v.sql}`, [entity, id, ...v.params])) !== undefined;
}

/** One record's current state, as a snapshot gives it, when this reader may see it. */
export function visibleRecordState(q: Queryable, who: Reader, entity: string, id: string): Promise<{ entity: string; entity_id: string; heads: string; last_seq: number } | undefined> {
  const v = visibleClause({ role: who.role, towns: who.towns }, 3);
  return q.one(`SELECT entity, entity_id, heads, last_seq FROM records WHERE entity = $1 AND entity_id = $2${v.sql}`, [entity, id, ...v.params]);
}

/** The records whose parent is this one ("entity:id") that this reader may see. */
export function childrenOf(q: Queryable, who: Reader, parent: string): Promise<{ entity: string; entity_id: string }[]> {
  const v = visibleClause({ role: who.role, towns: who.towns }, 2);
  return q.all<{ entity: string; entity_id: string }>(`SELECT entity, entity_id FROM records WHERE parent = $1${v.sql}`, [parent, ...v.params]);
}

/** The kinds of record the hub holds. */
export async function recordKinds(q: Queryable): Promise<string[]> {
  return (await q.all<{ entity: string }>('SELECT DISTINCT entity FROM records')).map((r) => r.entity);
}

/** Up to `rows` records of one kind after an id, by id, that this reader may see. */
export async function recordsAfter(q: Queryable, who: Reader, entity: string, afterId: string, rows: number): Promise<{ entity: string; entity_id: string; heads: string; last_seq: number }[]> {
  const v = visibleClause({ role: who.role, towns: who.towns }, 4); // records, not changes: no author to match
  return q.all<{ entity: string; entity_id: string; heads: string; last_seq: number }>(`SELECT entity, entity_id, heads, last_seq FROM records
      WHERE entity = $1 AND entity_id > $2${v.sql} ORDER BY entity_id LIMIT $3`, [entity, afterId, rows, ...v.params]);
}

/** The records of the kinds that can have a parent, for a hub that kept them before it had the column. */
export function recordsOfChildKinds(q: Queryable): Promise<{ entity: string; entity_id: string; heads: string }[]> {
  return q.all<{ entity: string; entity_id: string; heads: string }>(`SELECT entity, entity_id, heads FROM records
    WHERE entity IN ('record_event', 'directory_entry', 'inspector_conflict') OR entity LIKE 'inspection_%'`);
}

/** Notes a record's parent ("entity:id"). */
export function setParent(q: Queryable, entity: string, id: string, parent: string): Promise<void> {
  return q.run('UPDATE records SET parent = $3 WHERE entity = $1 AND entity_id = $2', [entity, id, parent]);
}

/** Files directory entries and conflicts of interest under their parent's town (they had none before they followed their enterprise's). */
export function childTownsFromParents(q: Queryable): Promise<void> {
  return q.run(`UPDATE records SET town = (SELECT p.town FROM records p WHERE p.entity || ':' || p.entity_id = records.parent) WHERE entity IN ('directory_entry', 'inspector_conflict') AND parent IS NOT NULL`);
}
