import type { Queryable } from './hub-db';

/** A value the hub keeps about itself (its public identity; which one-time fills it has done), or undefined. */
export async function metaValue(q: Queryable, key: string): Promise<string | undefined> {
  return (await q.one<{ value: string }>('SELECT value FROM hub_meta WHERE key = $1', [key]))?.value;
}

/** Sets a value unless one is there already (the first process to start wins). */
export function addMeta(q: Queryable, key: string, value: string): Promise<void> {
  return q.run('INSERT INTO hub_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
}

/** Replaces a value kept already. */
export function replaceMeta(q: Queryable, key: string, value: string): Promise<void> {
  return q.run('UPDATE hub_meta SET value = $2 WHERE key = $1', [key, value]);
}
