import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { AUDIT_GENESIS, auditEntryText, type AuditEntryWire } from '../../shared/auth/audit-chain';

/**
 * The audit log (issue 18; 等保 2.0 GB/T 22239-2019 8.1.4.3 安全审计: 审计记录包括事件的日期和时间、
 * 用户、事件类型、事件是否成功; 应对审计记录进行保护，定期备份，避免受到未预期的删除、修改或覆盖;
 * 网络安全法 第二十一条: 网络日志留存不少于六个月). Append-only (triggers refuse UPDATE and DELETE) and
 * chained: each entry's hash covers the one before, so a removed or altered entry breaks the chain.
 */
export type AuditInput = { at: string; account: string | null; personId: string | null; action: string; entity?: string | null; entityId?: string | null; detail?: Record<string, unknown> };
export type AuditRow = { seq: number; at: string; account: string | null; personId: string | null; personName: string; action: string; entity: string | null; entityId: string | null; detail: Record<string, unknown>; prev: string; hash: string };

const GENESIS = AUDIT_GENESIS;

function entryHash(prev: string, e: { at: string; account: string | null; personId: string | null; action: string; entity: string | null; entityId: string | null; detail: string }): string {
  return createHash('sha256').update(auditEntryText(prev, e)).digest('hex');
}

/** Appends one entry after the last. */
export function appendAudit(db: Database, input: AuditInput): void {
  const prev = (db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS;
  const e = { at: input.at, account: input.account, personId: input.personId, action: input.action, entity: input.entity ?? null, entityId: input.entityId ?? null, detail: JSON.stringify(input.detail ?? {}) };
  db.prepare('INSERT INTO audit_log (at, account, person_id, action, entity, entity_id, detail, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(e.at, e.account, e.personId, e.action, e.entity, e.entityId, e.detail, prev, entryHash(prev, e));
}

type Raw = { seq: number; at: string; account: string | null; person_id: string | null; person_name: string | null; action: string; entity: string | null; entity_id: string | null; detail: string; prev: string; hash: string };
const toRow = (r: Raw): AuditRow => ({ seq: r.seq, at: r.at, account: r.account, personId: r.person_id, personName: r.person_name ?? '', action: r.action, entity: r.entity, entityId: r.entity_id, detail: JSON.parse(r.detail) as Record<string, unknown>, prev: r.prev, hash: r.hash });

/** A page of the log, newest first, optionally of one action. */
export function auditPage(db: Database, offset: number, limit: number, action?: string): { rows: AuditRow[]; total: number } {
  const where = action ? 'WHERE a.action = ?' : '';
  const args = action ? [action] : [];
  const rows = db.prepare(`SELECT a.*, p.name AS person_name FROM audit_log a LEFT JOIN people p ON p.id = a.person_id ${where} ORDER BY a.seq DESC LIMIT ? OFFSET ?`).all(...args, limit, offset) as Raw[];
  const total = db.prepare(`SELECT count(*) FROM audit_log a ${where}`).pluck().get(...args) as number;
  return { rows: rows.map(toRow), total };
}

/** Every entry, oldest first (for an export). */
export function* auditEntries(db: Database): Generator<AuditRow> {
  for (const r of db.prepare('SELECT a.*, p.name AS person_name FROM audit_log a LEFT JOIN people p ON p.id = a.person_id ORDER BY a.seq').iterate() as Iterable<Raw>) yield toRow(r);
}

/** Whether every entry's hash covers its content and the entry before (the first break's seq, or null). */
export function auditChainBreak(db: Database): number | null {
  let prev = GENESIS;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<Raw>) {
    const e = { at: r.at, account: r.account, personId: r.person_id, action: r.action, entity: r.entity, entityId: r.entity_id, detail: r.detail };
    if (r.prev !== prev || entryHash(prev, e) !== r.hash) return r.seq;
    prev = r.hash;
  }
  return null;
}

/** Entries after `seq`, oldest first, as the hub takes them. */
export function auditAfter(db: Database, seq: number, limit: number): AuditEntryWire[] {
  return (db.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit) as Raw[]).map((r) => ({
    seq: r.seq, at: r.at, account: r.account, personId: r.person_id, action: r.action, entity: r.entity, entityId: r.entity_id, detail: r.detail, prev: r.prev, hash: r.hash,
  }));
}

/** The last entry the hub has kept. */
export function auditSentSeq(db: Database): number {
  return Number(db.prepare("SELECT value FROM meta WHERE key = 'auditSentSeq'").pluck().get() ?? 0);
}

export function setAuditSentSeq(db: Database, seq: number): void {
  db.prepare("INSERT INTO meta (key, value) VALUES ('auditSentSeq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(seq));
}

/** The names of the files an account exported (ledgers, bundles, evidence packages), from its audit entries. */
export function filesExportedBy(db: Database, account: string): Set<string> {
  return new Set(db.prepare(`SELECT json_extract(detail, '$.file') FROM audit_log
    WHERE account = ? AND action IN ('export', 'unmasked_export') AND json_extract(detail, '$.file') IS NOT NULL`).pluck().all(account) as string[]);
}
