import type { Database } from 'better-sqlite3';
import type { Change } from '../../shared/sync/change';
import type { Ack } from '../../shared/sync/protocol';
import { PAGE_MAX_BYTES, PAGE_MAX_CHANGES } from '../../shared/sync/protocol';
import { prepared } from './statements';
import { noteHeldAside } from './sync-rejects';

type Row = { node: string; nseq: number; entity: string; entity_id: string; hlc: string; author: string; fields: string; base: string | null; account: string | null };

/** One row of the change log as the write path appends it: a local edit (no hub sequence, not sent) or a change from elsewhere (sent). */
export type LoggedChange = {
  node: string; nseq: number | null; entity: string; entityId: string; hlc: string; author: string;
  fields: string; base: string; hubSeq: number | null; sent: boolean; pushedBy: string | null;
  /** The hub account a local change was made under (null: a program, a local account, or received). */
  account?: string | null;
};

/** Appends a change to the log; returns its place in the log. Only the write path calls this: the log and the rows never part. */
export function appendChange(db: Database, c: LoggedChange): number {
  return Number(prepared(db, 'INSERT INTO changes (node, nseq, entity, entity_id, hlc, author, fields, base, hub_seq, sent, pushed_by, account) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(c.node, c.nseq, c.entity, c.entityId, c.hlc, c.author, c.fields, c.base, c.hubSeq, c.sent ? 1 : 0, c.pushedBy, c.account ?? null).lastInsertRowid);
}

/** Takes back the entry just appended for a change whose row was refused (the write path, inside its transaction). */
export function removeChange(db: Database, seq: number): void {
  prepared(db, 'DELETE FROM changes WHERE seq = ?').run(seq);
}

/** Which of these records (ids by kind) have a change log here, as `entity\0id` keys: one query per kind. */
export function loggedRecords(db: Database, byEntity: Map<string, Set<string>>): Set<string> {
  const logged = new Set<string>();
  const stmt = prepared(db, 'SELECT DISTINCT entity_id FROM changes WHERE entity = ? AND entity_id IN (SELECT value FROM json_each(?))').pluck();
  for (const [entity, ids] of byEntity) for (const id of stmt.all(entity, JSON.stringify([...ids])) as string[]) logged.add(`${entity}\u0000${id}`);
  return logged;
}

/** The last hub sequence of each of these records (ids by kind) held here, by `entity\0id` key; records not held are absent. */
export function heldHubSeqs(db: Database, byEntity: Map<string, string[]>): Map<string, number> {
  const held = new Map<string, number>();
  const stmt = prepared(db, 'SELECT entity_id AS id, max(coalesce(hub_seq, 0)) AS seq FROM changes WHERE entity = ? AND entity_id IN (SELECT value FROM json_each(?)) GROUP BY entity_id');
  for (const [entity, ids] of byEntity) for (const r of stmt.all(entity, JSON.stringify(ids)) as { id: string; seq: number }[]) held.set(`${entity}\u0000${r.id}`, r.seq);
  return held;
}

/**
 * Removes a record's change log as received from other devices (a received record this laptop refused
 * to keep). This laptop's own entries stay: its numbers are a sequence the hub checks for gaps and
 * reuse, so taking one out would stop every later push (or read as a cloned device).
 */
export function forgetRecordLog(db: Database, entity: string, entityId: string, ownNode: string): void {
  prepared(db, 'DELETE FROM changes WHERE entity = ? AND entity_id = ? AND node <> ?').run(entity, entityId, ownNode);
}

/** This node's changes not yet acknowledged, in order, one page (≤ 5,000 changes or 4 MiB). */
export function pendingPage(db: Database, node: string, after = 0, maxChanges = PAGE_MAX_CHANGES): Change[] {
  const rows = prepared(db, `SELECT node, nseq, entity, entity_id, hlc, author, fields, base, account FROM changes
    WHERE sent = 0 AND node = ? AND nseq > ? ORDER BY nseq LIMIT ?`).all(node, after, maxChanges) as Row[];
  const out: Change[] = [];
  let bytes = 0;
  for (const r of rows) {
    bytes += r.fields.length + (r.base?.length ?? 2) + 200;
    if (out.length > 0 && bytes > PAGE_MAX_BYTES) break;
    out.push({ cid: `${r.node}:${r.nseq}`, node: r.node, nseq: r.nseq, entity: r.entity, entityId: r.entity_id, hlc: r.hlc, author: r.author, fields: JSON.parse(r.fields), base: r.base ? JSON.parse(r.base) : {},
      ...(r.account ? { account: r.account } : {}) });
  }
  return out;
}

/** How many of this node's changes wait for the hub's acknowledgement. */
export function pendingCount(db: Database, node: string): number {
  return prepared(db, 'SELECT count(*) FROM changes WHERE sent = 0 AND node = ?').pluck().get(node) as number;
}

/** This node's last change number (0 before its first change). */
export function lastNseq(db: Database, node: string): number {
  return (prepared(db, 'SELECT max(nseq) FROM changes WHERE node = ?').pluck().get(node) as number | null) ?? 0;
}

/**
 * Marks acknowledged changes as sent (DESIGN §8: only when the hub has said so). A quarantined one
 * is sent too — the hub keeps it — and its reason is kept here so the user sees it.
 */
export function markAcked(db: Database, node: string, acks: Ack[]): void {
  const sent = prepared(db, 'UPDATE changes SET sent = 1 WHERE node = ? AND nseq = ?');
  db.transaction(() => {
    for (const a of acks) {
      const nseq = Number(a.cid.split(':')[1]);
      sent.run(node, nseq);
      if (a.status === 'quarantined') noteHeldAside(db, node, nseq, `同步中心隔离：${a.reason ?? ''}`, new Date().toISOString());
    }
  })();
}

/** Marks this node's changes after a number as not acknowledged (a hub restored from a backup holds only those up to it); returns how many. */
export function markUnsentAfter(db: Database, node: string, nseq: number): number {
  return prepared(db, 'UPDATE changes SET sent = 0 WHERE node = ? AND nseq > ? AND sent = 1').run(node, nseq).changes;
}

/** Marks every change of this node up to a number as acknowledged (a return bundle's acknowledgement). */
export function markSentUpTo(db: Database, node: string, nseq: number): number {
  return prepared(db, 'UPDATE changes SET sent = 1 WHERE node = ? AND nseq <= ? AND sent = 0').run(node, nseq).changes;
}
