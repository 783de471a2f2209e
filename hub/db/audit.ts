import type { AuditEntryWire } from '../../shared/auth/audit-chain';
import type { Queryable } from './hub-db';

/** Every laptop's audit log as it arrived (issue 18: kept at the hub, chained per device). */

/** The last entry the hub holds from a device (seq and hash), if any. */
export function lastAuditOf(q: Queryable, deviceId: string): Promise<{ seq: number; hash: string } | undefined> {
  return q.one<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_entries WHERE device_id = $1 ORDER BY seq DESC LIMIT 1', [deviceId])
    .then((r) => r && { seq: Number(r.seq), hash: r.hash });
}

export function insertAudit(q: Queryable, deviceId: string, user: string, e: AuditEntryWire, receivedAt: string): Promise<void> {
  return q.run(`INSERT INTO audit_entries (device_id, seq, at, account, person_id, action, entity, entity_id, detail, prev, hash, pushed_by, received_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
  [deviceId, e.seq, e.at, e.account, e.personId, e.action, e.entity, e.entityId, e.detail, e.prev, e.hash, user, receivedAt]);
}

export type HubAuditRow = AuditEntryWire & { deviceId: string; pushedBy: string; receivedAt: string };

/** Entries of every device, newest first (an admin's view), optionally of one device. */
export async function auditEntries(q: Queryable, limit: number, deviceId?: string): Promise<HubAuditRow[]> {
  const rows = await q.all<Record<string, unknown>>(
    `SELECT * FROM audit_entries ${deviceId ? 'WHERE device_id = $2' : ''} ORDER BY received_at DESC, seq DESC LIMIT $1`, deviceId ? [limit, deviceId] : [limit]);
  return rows.map((r) => ({
    deviceId: r.device_id as string, seq: Number(r.seq), at: r.at as string, account: r.account as string | null, personId: r.person_id as string | null,
    action: r.action as string, entity: r.entity as string | null, entityId: r.entity_id as string | null, detail: r.detail as string,
    prev: r.prev as string, hash: r.hash as string, pushedBy: r.pushed_by as string, receivedAt: r.received_at as string,
  }));
}
