import type { QuarantineItem } from '../shared/api/sync';
import type { Queryable } from './db/hub-db';

/** Changes kept but not applied (outside the author's role or area, a signed document with another hash). */
export async function quarantineList(q: Queryable, limit = 500): Promise<QuarantineItem[]> {
  const rows = await q.all<{ node: string; nseq: number; device_id: string | null; user_name: string | null; entity: string; entity_id: string; reason: string; at: string }>(
    'SELECT node, nseq, device_id, user_name, entity, entity_id, reason, at FROM quarantine ORDER BY at DESC LIMIT $1', [limit]);
  return rows.map((r) => ({ cid: `${r.node}:${r.nseq}`, deviceId: r.device_id, user: r.user_name, entity: r.entity, entityId: r.entity_id, reason: r.reason, at: r.at }));
}
