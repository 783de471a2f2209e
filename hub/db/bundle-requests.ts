import type { Queryable } from './hub-db';

/** What each device's last bundle said it lacks (`bundle_requests`): records its return bundle carries whole. */

type Key = { entity: string; id: string };

/** Keeps what a device's bundle said it lacks, in place of what its earlier bundle said. */
export async function replaceBundleRequests(q: Queryable, deviceId: string, missing: Key[]): Promise<void> {
  await q.run('DELETE FROM bundle_requests WHERE device_id = $1', [deviceId]);
  for (const k of missing) {
    await q.run('INSERT INTO bundle_requests (device_id, entity, entity_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [deviceId, k.entity, k.id]);
  }
}

/** What a device's last bundle said it lacks, by kind and id. */
export async function bundleRequests(q: Queryable, deviceId: string | null): Promise<Key[]> {
  return (await q.all<{ entity: string; entity_id: string }>('SELECT entity, entity_id FROM bundle_requests WHERE device_id = $1 ORDER BY entity, entity_id', [deviceId]))
    .map((r) => ({ entity: r.entity, id: r.entity_id }));
}
