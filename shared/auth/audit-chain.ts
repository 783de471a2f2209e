/**
 * The text an audit entry's hash covers (issue 18): the hash of the entry before it and every field,
 * in a fixed order — the same on the laptop that wrote it and at the hub that keeps it, so the hub can
 * check each laptop's chain as it arrives (SHA-256 of this text, computed by each host).
 */
export type AuditFields = { at: string; account: string | null; personId: string | null; action: string; entity: string | null; entityId: string | null; detail: string };

export const AUDIT_GENESIS = '0'.repeat(64);

export function auditEntryText(prev: string, e: AuditFields): string {
  return JSON.stringify([prev, e.at, e.account, e.personId, e.action, e.entity, e.entityId, e.detail]);
}

/** An entry as a laptop sends it to the hub. */
export type AuditEntryWire = AuditFields & { seq: number; prev: string; hash: string };
