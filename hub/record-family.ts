import type { SequencedChange } from '../shared/sync/change';
import { winningValues, type FieldHeads } from '../shared/sync/merge';
import { parentOf } from '../shared/sync/roles';
import type { HubDb, Queryable } from './db/hub-db';
import { CHANGE_COLUMNS, rowToChange, visibleClause, type ChangeRow } from './pull';
import type { Author } from './push';

type Key = { entity: string; id: string };

/** The record a child record belongs to, as "entity:id" (an inspection's answers, a finding's events), or null. */
export function parentKey(entity: string, id: string, heads: FieldHeads): string | null {
  const p = parentOf(entity, id, winningValues(heads));
  return p ? `${p.entity}:${p.id}` : null;
}

/** A record moved to another town takes its children with it (their town decides who receives their later changes and files). */
export async function moveChildren(q: Queryable, entity: string, id: string, town: string | null): Promise<void> {
  await q.run('UPDATE records SET town = $1 WHERE parent = $2', [town, `${entity}:${id}`]);
}

/** Fills `records.parent` for a hub that kept records before it had the column (once). */
export async function fillParents(db: HubDb): Promise<void> {
  if (await db.one("SELECT 1 AS ok FROM hub_meta WHERE key = 'records_parent'")) return;
  const rows = await db.all<{ entity: string; entity_id: string; heads: string }>(`SELECT entity, entity_id, heads FROM records
    WHERE entity IN ('record_event', 'directory_entry', 'inspector_conflict') OR entity LIKE 'inspection_%'`);
  await db.tx(async (q) => {
    for (const r of rows) {
      const parent = parentKey(r.entity, r.entity_id, JSON.parse(r.heads) as FieldHeads);
      if (parent) await q.run('UPDATE records SET parent = $3 WHERE entity = $1 AND entity_id = $2', [r.entity, r.entity_id, parent]);
    }
    // Directory entries and conflicts of interest had no town before they followed their enterprise's.
    const kinds = "('directory_entry', 'inspector_conflict')";
    await q.run(`UPDATE records SET town = (SELECT p.town FROM records p WHERE p.entity || ':' || p.entity_id = records.parent) WHERE entity IN ${kinds} AND parent IS NOT NULL`);
    await q.run(`UPDATE changes SET town = (SELECT r.town FROM records r WHERE r.entity = changes.entity AND r.entity_id = changes.entity_id) WHERE entity IN ${kinds}`);
    await q.run("INSERT INTO hub_meta (key, value) VALUES ('records_parent', '1') ON CONFLICT (key) DO NOTHING");
  });
}

/**
 * The whole history of these records and of their children, in hub order, for those this reader may
 * see: what a town officer's laptop applies when a record enters their towns (never had, or had
 * before it left and came back) — every change it missed, applied as any change is, so nothing
 * reads as a conflict that is not one.
 */
export async function familyHistory(q: Queryable, who: Pick<Author, 'role' | 'towns'>, keys: Key[]): Promise<SequencedChange[]> {
  const v = visibleClause({ role: who.role, towns: who.towns }, 3);
  const family: Key[] = [];
  for (const k of keys) {
    if (!(await q.one(`SELECT 1 AS ok FROM records WHERE entity = $1 AND entity_id = $2${v.sql}`, [k.entity, k.id, ...v.params]))) continue;
    family.push(k);
    for (const c of await q.all<{ entity: string; entity_id: string }>('SELECT entity, entity_id FROM records WHERE parent = $1', [`${k.entity}:${k.id}`])) family.push({ entity: c.entity, id: c.entity_id });
  }
  const rows: ChangeRow[] = [];
  for (const k of family) {
    rows.push(...await q.all<ChangeRow>(`SELECT ${CHANGE_COLUMNS} FROM changes
      WHERE entity = $1 AND entity_id = $2 ORDER BY hub_seq`, [k.entity, k.id]));
  }
  return rows.sort((a, b) => Number(a.hub_seq) - Number(b.hub_seq)).map(rowToChange);
}
