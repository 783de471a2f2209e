import type { Queryable } from './hub-db';

/** County-wide numbers (`county_numbers`, `number_counters`): which record holds each, and the last given in a year. */

/** The record that holds this number, if any. */
export async function numberHolder(q: Queryable, kind: string, value: string): Promise<string | undefined> {
  return (await q.one<{ entity_id: string }>('SELECT entity_id FROM county_numbers WHERE kind = $1 AND value = $2', [kind, value]))?.entity_id;
}

/** Notes that a record holds a number (a number held already stays its first holder's). */
export function holdNumber(q: Queryable, kind: string, value: string, id: string): Promise<void> {
  return q.run('INSERT INTO county_numbers (kind, value, entity_id) VALUES ($1, $2, $3) ON CONFLICT (kind, value) DO NOTHING', [kind, value, id]);
}

/** The numbers of a kind held in a year's form (`YYYY-…`), to start its counter from. */
export async function numbersOfYear(q: Queryable, kind: string, year: string): Promise<string[]> {
  return (await q.all<{ value: string }>("SELECT value FROM county_numbers WHERE kind = $1 AND value LIKE $2 || '-%'", [kind, year])).map((r) => r.value);
}

/** Every number of a kind held. */
export async function numbersOfKind(q: Queryable, kind: string): Promise<string[]> {
  return (await q.all<{ value: string }>('SELECT value FROM county_numbers WHERE kind = $1', [kind])).map((r) => r.value);
}

/** The last number given of a kind in a year (undefined: none yet). */
export async function lastGiven(q: Queryable, kind: string, year: string): Promise<number | undefined> {
  const row = await q.one<{ last: number }>('SELECT last FROM number_counters WHERE kind = $1 AND year = $2', [kind, year]);
  return row ? Number(row.last) : undefined;
}

/** Notes the last number given of a kind in a year. */
export function setLastGiven(q: Queryable, kind: string, year: string, last: number): Promise<void> {
  return q.run('INSERT INTO number_counters (kind, year, last) VALUES ($1, $2, $3) ON CONFLICT (kind, year) DO UPDATE SET last = excluded.last', [kind, year, last]);
}

/** Every counter jumps by `by` (a restore: what was given after the backup is never given again). */
export function skipCounters(q: Queryable, by: number): Promise<void> {
  return q.run('UPDATE number_counters SET last = last + $1', [by]);
}

/** A page of one kind's records (by id) with their heads, for a hub that kept them before it noted their numbers (once). */
export function recordsOfKindAfter(q: Queryable, entity: string, after: string, rows: number): Promise<{ entity_id: string; heads: string }[]> {
  return q.all<{ entity_id: string; heads: string }>('SELECT entity_id, heads FROM records WHERE entity = $1 AND entity_id > $2 ORDER BY entity_id LIMIT $3', [entity, after, rows]);
}
