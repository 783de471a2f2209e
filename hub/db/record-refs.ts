import type { RecordKey } from '../../shared/sync/references';
import type { Queryable } from './hub-db';

/** What each record names (`record_refs`): the records a reader of it reads beside it. */

/** Replaces what a record names (`fresh`: a record new to the hub names nothing yet). */
export async function setRecordRefs(q: Queryable, entity: string, id: string, refs: RecordKey[], fresh = false): Promise<void> {
  if (!fresh) await q.run('DELETE FROM record_refs WHERE from_entity = $1 AND from_id = $2', [entity, id]);
  for (const r of refs) {
    await q.run('INSERT INTO record_refs (from_entity, from_id, to_entity, to_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [entity, id, r.entity, r.id]);
  }
}

/** The records of the kinds that name others, for a hub that kept records before it noted what they name (once). */
export function recordsThatName(q: Queryable, after: { entity: string; id: string }, rows: number): Promise<{ entity: string; entity_id: string; heads: string }[]> {
  return q.all<{ entity: string; entity_id: string; heads: string }>(`SELECT entity, entity_id, heads FROM records
    WHERE entity IN ('outfall', 'inspection', 'finding', 'complaint', 'case', 'plan_task') AND (entity > $1 OR (entity = $1 AND entity_id > $2))
    ORDER BY entity, entity_id LIMIT $3`, [after.entity, after.id, rows]);
}
