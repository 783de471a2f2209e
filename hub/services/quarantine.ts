import type { QuarantineItem } from '../../shared/api/sync';
import type { Change } from '../../shared/sync/change';
import { entityName, recordNameOf } from '../../shared/sync/entity-names';
import type { FieldHeads } from '../../shared/sync/merge';
import type { Queryable } from '../db/hub-db';
import { heldListing, heldRecord, heldUpTo, markReleased } from '../db/quarantine';
import { HubRefusal } from './hub-error';
import { appendReleased } from './push';

/** Changes kept but not applied (outside the author's role or area, a signed document with another hash). */
export async function quarantineList(q: Queryable, limit = 500): Promise<QuarantineItem[]> {
  const rows = await heldListing(q, limit);
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

/**
 * Releases a quarantined change on an admin's decision (a town officer's edit of a record in another
 * town, say): it is applied with the next hub sequence and reaches every laptop with its next sync.
 * The same device's earlier quarantined changes of that record are released first, in order, so
 * nothing it wrote later is undone by what it wrote before. What was released, by whom and when, is
 * kept. Runs inside the caller's serialised transaction; a refusal leaves everything as it was.
 */
export async function releaseQuarantined(q: Queryable, cid: string, admin: string, now = Date.now()): Promise<{ released: string[] }> {
  const m = cid.match(/^([0-9a-z]+):(\d+)$/);
  const target = m ? await heldRecord(q, m[1], Number(m[2])) : undefined;
  if (!m || !target) throw new HubRefusal(404, 'not_found', `隔离区中没有变更 ${cid}（可能已被放行）`);
  const node = m[1];
  const held = await heldUpTo(q, node, target.entity, target.entity_id, target.nseq);
  const released: string[] = [];
  for (const h of held) {
    const c = JSON.parse(h.change) as Change;
    await appendReleased(q, { deviceId: h.device_id, user: h.user_name }, c, now);
    await markReleased(q, node, h, admin, new Date(now).toISOString());
    released.push(`${node}:${h.nseq}`);
  }
  return { released };
}
