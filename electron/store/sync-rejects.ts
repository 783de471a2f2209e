import type { Database } from 'better-sqlite3';
import { prepared } from './statements';

/** A change this laptop refused or the hub holds aside, as the 同步 page lists it. */
export type RejectedRow = { cid: string; entity: string; entityId: string; reason: string; at: string };

/** Keeps a remote change this laptop refused to write, with the reason (the first reason stays). */
export function noteRejected(db: Database, cid: string, entity: string, entityId: string, change: string, reason: string, at: string): void {
  prepared(db, 'INSERT OR IGNORE INTO sync_rejects (cid, entity, entity_id, change, reason, at) VALUES (?, ?, ?, ?, ?, ?)').run(cid, entity, entityId, change, reason, at);
}

/** Keeps a whole received record this laptop refused (a finalized inspection whose rows do not rebuild it). */
export function noteRefusedRecord(db: Database, cid: string, entity: string, entityId: string, reason: string, at: string): void {
  prepared(db, 'INSERT OR REPLACE INTO sync_rejects (cid, entity, entity_id, change, reason, at) VALUES (?, ?, ?, ?, ?, ?)').run(cid, entity, entityId, '{}', reason, at);
}

/** Keeps one of this node's own changes that the hub holds aside (quarantined), with the hub's reason. */
export function noteHeldAside(db: Database, node: string, nseq: number, reason: string, at: string): void {
  prepared(db, `INSERT OR IGNORE INTO sync_rejects (cid, entity, entity_id, change, reason, at)
    SELECT node || ':' || nseq, entity, entity_id, fields, ?, ? FROM changes WHERE node = ? AND nseq = ?`).run(reason, at, node, nseq);
}

/** Whether anything is listed as refused or held aside. */
export function anyRejected(db: Database): boolean {
  return prepared(db, 'SELECT EXISTS (SELECT 1 FROM sync_rejects)').pluck().get() === 1;
}

/** Forgets these changes' refusals: they have since arrived as part of the hub's log (released by an admin). */
export function settleRejected(db: Database, cids: string[]): void {
  prepared(db, 'DELETE FROM sync_rejects WHERE cid IN (SELECT value FROM json_each(?))').run(JSON.stringify(cids));
}

/** Forgets this node's changes up to `upTo` held aside at the hub but no longer among `stillHeld`: an admin released them. */
export function settleReleased(db: Database, node: string, upTo: number, stillHeld: string[]): void {
  prepared(db, `DELETE FROM sync_rejects WHERE cid IN (SELECT node || ':' || nseq FROM changes WHERE node = ? AND nseq <= ?)
    AND cid NOT IN (SELECT value FROM json_each(?))`).run(node, upTo, JSON.stringify(stillHeld));
}

/** The newest refused or held-aside changes (at most `limit`). */
export function listRejected(db: Database, limit = 500): RejectedRow[] {
  return prepared(db, 'SELECT cid, entity, entity_id AS entityId, reason, at FROM sync_rejects ORDER BY at DESC LIMIT ?').all(limit) as RejectedRow[];
}

/** How many changes are refused or held aside. */
export function rejectedCount(db: Database): number {
  return prepared(db, 'SELECT count(*) FROM sync_rejects').pluck().get() as number;
}
