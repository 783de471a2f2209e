import type { Change } from '../../shared/sync/change';
import type { Queryable } from './hub-db';

/** Changes kept but not applied (`quarantine`) and the record of those an admin released (`quarantine_released`). */

/** A held change as the hub keeps it (`change` is its JSON). */
export type HeldRow = { nseq: number; device_id: string | null; user_name: string | null; entity: string; entity_id: string; change: string; reason: string; at: string };

/** Holds a change, saying why and who sent it (the same change again changes nothing). */
export function insertQuarantined(q: Queryable, by: { deviceId: string | null; user: string }, c: Change, reason: string, at: string): Promise<void> {
  return q.run(`INSERT INTO quarantine (node, nseq, device_id, user_name, entity, entity_id, change, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
    ON CONFLICT (node, nseq) DO NOTHING`, [c.node, c.nseq, by.deviceId, by.user, c.entity, c.entityId, JSON.stringify(c), reason, at]);
}

/** The change held under this id, and why. */
export function heldChange(q: Queryable, node: string, nseq: number): Promise<{ change: string; reason: string } | undefined> {
  return q.one<{ change: string; reason: string }>('SELECT change, reason FROM quarantine WHERE node = $1 AND nseq = $2', [node, nseq]);
}

/** The record a held change is of. */
export function heldRecord(q: Queryable, node: string, nseq: number): Promise<Pick<HeldRow, 'nseq' | 'entity' | 'entity_id'> | undefined> {
  return q.one<HeldRow>('SELECT nseq, entity, entity_id FROM quarantine WHERE node = $1 AND nseq = $2', [node, nseq]);
}

/** A node's held changes of one record up to a change, in the node's order. */
export function heldUpTo(q: Queryable, node: string, entity: string, id: string, nseq: number): Promise<HeldRow[]> {
  return q.all<HeldRow>(`SELECT nseq, device_id, user_name, entity, entity_id, change, reason, at FROM quarantine
    WHERE node = $1 AND entity = $2 AND entity_id = $3 AND nseq <= $4 ORDER BY nseq`, [node, entity, id, nseq]);
}

/** A node's held changes and why (what its return bundle tells it). */
export function heldOfNode(q: Queryable, node: string): Promise<{ nseq: number; reason: string }[]> {
  return q.all<{ nseq: number; reason: string }>('SELECT nseq, reason FROM quarantine WHERE node = $1', [node]);
}

/** A held change as the admin's list shows it, with the heads of its record if the hub holds one. */
export type HeldListing = { node: string; nseq: number; device_id: string | null; user_name: string | null; entity: string; entity_id: string; change: string; reason: string; at: string; heads: string | null };

/** The newest held changes first, at most `limit`. */
export function heldListing(q: Queryable, limit: number): Promise<HeldListing[]> {
  return q.all<HeldListing>(
    `SELECT x.node, x.nseq, x.device_id, x.user_name, x.entity, x.entity_id, x.change, x.reason, x.at, r.heads FROM quarantine x
      LEFT JOIN records r ON r.entity = x.entity AND r.entity_id = x.entity_id ORDER BY x.at DESC LIMIT $1`, [limit]);
}

/** Moves a held change out of the quarantine into the record of released ones, naming who released it and when. */
export async function markReleased(q: Queryable, node: string, h: HeldRow, by: string, at: string): Promise<void> {
  await q.run(`INSERT INTO quarantine_released (node, nseq, device_id, user_name, entity, entity_id, reason, at, released_by, released_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [node, h.nseq, h.device_id, h.user_name, h.entity, h.entity_id, h.reason, h.at, by, at]);
  await q.run('DELETE FROM quarantine WHERE node = $1 AND nseq = $2', [node, h.nseq]);
}
