import { createHash } from 'node:crypto';
import { AUDIT_GENESIS, auditEntryText, type AuditEntryWire } from '../../shared/auth/audit-chain';
import { auditEntries, insertAudit, lastAuditOf, type HubAuditRow } from '../db/audit';
import type { Queryable } from '../db/hub-db';
import type { Author } from './accounts';
import { HubRefusal } from './hub-error';

/**
 * Keeps the audit entries a laptop sends (issue 18: the audit log is synced to the hub). Each must
 * continue that device's chain as the hub holds it — the next seq, the last hash as its `prev`, its own
 * hash over its fields — so a laptop cannot rewrite or drop what it already sent; entries already held
 * are skipped (a resend after a lost answer). All or nothing.
 */
export async function keepAuditEntries(q: Queryable, who: Author, entries: AuditEntryWire[]): Promise<{ kept: number; lastSeq: number }> {
  if (!who.deviceId) throw new HubRefusal(403, 'forbidden', '只有登记的设备可以上传审计日志');
  const last = await lastAuditOf(q, who.deviceId);
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? AUDIT_GENESIS;
  let kept = 0;
  const now = new Date().toISOString();
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (e.seq <= seq) continue;
    if (e.prev !== prev) throw new HubRefusal(409, 'audit_chain', `审计日志第 ${e.seq} 条与本中心已收到的上一条衔接不上（链断裂：本机日志可能被改动或删除）`);
    const hash = createHash('sha256').update(auditEntryText(e.prev, e)).digest('hex');
    if (hash !== e.hash) throw new HubRefusal(422, 'audit_hash', `审计日志第 ${e.seq} 条的哈希与其内容不符（被改动）`);
    await insertAudit(q, who.deviceId, who.user, e, now);
    seq = e.seq;
    prev = e.hash;
    kept++;
  }
  return { kept, lastSeq: seq };
}

/** Every device's audit entries, newest first (an admin's view), optionally of one device. */
export function auditListing(q: Queryable, limit: number, deviceId?: string): Promise<HubAuditRow[]> {
  return auditEntries(q, limit, deviceId);
}
