import type { QuarantineItem } from '../shared/api/sync';
import type { Change } from '../shared/sync/change';
import { entityName, recordNameOf } from '../shared/sync/entity-names';
import type { FieldHeads } from '../shared/sync/merge';
import type { Queryable } from './db/hub-db';
import { HubRefusal } from './hub-error';
import { appendReleased } from './push';

/** Changes kept but not applied (outside the author's role or area, a signed document with another hash). */
export async function quarantineList(q: Queryable, limit = 500): Promise<QuarantineItem[]> {
  const rows = await q.all<{ node: string; nseq: number; device_id: string | null; user_name: string | null; entity: string; entity_id: string; change: string; reason: string; at: string; heads: string | null }>(
    `SELECT x.node, x.nseq, x.device_id, x.user_name, x.entity, x.entity_id, x.change, x.reason, x.at, r.heads FROM quarantine x
      LEFT JOIN records r ON r.entity = x.entity AND r.entity_id = x.entity_id ORDER BY x.at DESC LIMIT $1`, [limit]);
  return rows.map((r) => {
    // Its name in the held change, else in the hub's copy of the record.
    const fields = (JSON.parse(r.change) as Change).fields;
    const heads = r.heads ? (JSON.parse(r.heads) as FieldHeads) : {};
    return {
      cid: `${r.node}:${r.nseq}`, deviceId: r.device_id, user: r.user_name, entity: r.entity, entityName: entityName(r.entity), entityId: r.entity_id,
      recordName: recordNameOf((f) => fields[f] ?? heads[f]?.[0]?.v), reason: r.reason, at: r.at,
    };
  });
}

type Held = { nseq: number; device_id: string | null; user_name: string | null; entity: string; entity_id: string; change: string; reason: string; at: string };

/**
 * Releases a quarantined change on an admin's decision (a town officer's edit of a record in another
 * town, say): it is applied with the next hub sequence and reaches every laptop with its next sync.
 * The same device's earlier quarantined changes of that record are released first, in order, so
 * nothing it wrote later is undone by what it wrote before. What was released, by whom and when, is
 * kept. Runs inside the caller's serialised transaction; a refusal leaves everything as it was.
 */
export async function releaseQuarantined(q: Queryable, cid: string, admin: string, now = Date.now()): Promise<{ released: string[] }> {
  const m = /^([0-9a-z]+):(\d+)$/.exec(cid);
  const target = m ? await q.one<Held>('SELECT nseq, entity, entity_id FROM quarantine WHERE node = $1 AND nseq = $2', [m[1], Number(m[2])]) : undefined;
  if (!m || !target) throw new HubRefusal(404, 'not_found', `隔离区中没有变更 ${cid}（可能已被放行）`);
  const node = m[1];
  const held = await q.all<Held>(`SELECT nseq, device_id, user_name, entity, entity_id, change, reason, at FROM quarantine
    WHERE node = $1 AND entity = $2 AND entity_id = $3 AND nseq <= $4 ORDER BY nseq`, [node, target.entity, target.entity_id, target.nseq]);
  const released: string[] = [];
  for (const h of held) {
    const c = JSON.parse(h.change) as Change;
    await appendReleased(q, { deviceId: h.device_id, user: h.user_name }, c, now);
    await q.run(`INSERT INTO quarantine_released (node, nseq, device_id, user_name, entity, entity_id, reason, at, released_by, released_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [node, h.nseq, h.device_id, h.user_name, h.entity, h.entity_id, h.reason, h.at, admin, new Date(now).toISOString()]);
    await q.run('DELETE FROM quarantine WHERE node = $1 AND nseq = $2', [node, h.nseq]);
    released.push(`${node}:${h.nseq}`);
  }
  return { released };
}
