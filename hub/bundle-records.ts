import type { SequencedChange } from '../shared/sync/change';
import type { Queryable } from './db/hub-db';
import { visibleClause } from './pull';
import { familyHistory } from './record-family';
import type { Author } from './push';

type Key = { entity: string; id: string };

/** Keeps what a device's bundle said it lacks, in place of what its earlier bundle said (the next one says it again if still lacking). */
export async function rememberMissing(q: Queryable, deviceId: string, missing: Key[]): Promise<void> {
  await q.run('DELETE FROM bundle_requests WHERE device_id = $1', [deviceId]);
  for (const k of missing) {
    await q.run('INSERT INTO bundle_requests (device_id, entity, entity_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [deviceId, k.entity, k.id]);
  }
}

/**
 * The histories a return bundle carries besides its changes (what a networked laptop asks for with
 * POST /v1/histories): of the records its device's last bundle said it lacks, and for a town officer
 * of those the bundle's changes move into their towns — their changes alone are not the record —
 * with their children's. Only records the device may see.
 */
export async function historiesForBundle(q: Queryable, who: Pick<Author, 'deviceId' | 'role' | 'towns'>, from: number, to: number): Promise<SequencedChange[]> {
  const keys = new Map<string, Key>();
  const add = (k: Key) => keys.set(`${k.entity}\u0000${k.id}`, k);
  for (const r of await q.all<{ entity: string; entity_id: string }>('SELECT entity, entity_id FROM bundle_requests WHERE device_id = $1 ORDER BY entity, entity_id', [who.deviceId])) {
    add({ entity: r.entity, id: r.entity_id });
  }
  if (who.role === 'town' && who.towns.length) {
    const v = visibleClause({ role: who.role, towns: who.towns }, 3);
    const moved = await q.all<{ entity: string; entity_id: string }>(`SELECT DISTINCT entity, entity_id FROM changes
      WHERE hub_seq > $1 AND hub_seq <= $2 AND prev_town IS NOT NULL${v.sql}`, [from, to, ...v.params]);
    for (const r of moved) add({ entity: r.entity, id: r.entity_id });
  }
  return keys.size ? familyHistory(q, who, [...keys.values()]) : [];
}
