import type { Database } from 'better-sqlite3';
import { prepared } from './statements';

/** A record whose whole history this laptop waits for (`sync_missing`). */
export type MissingRecord = { entity: string; id: string };

/** Notes that a record's history must be asked of the hub (kept until it comes, so a killed sync asks again). */
export function noteMissing(db: Database, entity: string, entityId: string, now: string): void {
  prepared(db, 'INSERT OR IGNORE INTO sync_missing (entity, entity_id, noticed_at) VALUES (?, ?, ?)').run(entity, entityId, now);
}

/** The records waiting for their histories, oldest first (at most `limit`). */
export function missingRecords(db: Database, limit: number): MissingRecord[] {
  return prepared(db, 'SELECT entity, entity_id AS id FROM sync_missing ORDER BY noticed_at, entity, entity_id LIMIT ?').all(limit) as MissingRecord[];
}

/** Every record waiting for its history, as `entity\0id` keys. */
export function missingKeys(db: Database): Set<string> {
  return new Set((prepared(db, 'SELECT entity, entity_id AS id FROM sync_missing').all() as MissingRecord[]).map((k) => `${k.entity}\u0000${k.id}`));
}

/** Forgets that a record waits: its history has come (or the hub does not let this reader see it). */
export function missingDone(db: Database, entity: string, entityId: string): void {
  prepared(db, 'DELETE FROM sync_missing WHERE entity = ? AND entity_id = ?').run(entity, entityId);
}
