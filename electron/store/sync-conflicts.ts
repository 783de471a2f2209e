import type { Database } from 'better-sqlite3';
import { prepared } from './statements';

/** The records listed with concurrent values (`sync_conflicts`), in the order they were noticed. */
export function conflictedRecords(db: Database): { entity: string; entity_id: string }[] {
  return prepared(db, 'SELECT entity, entity_id FROM sync_conflicts ORDER BY noticed_at, entity, entity_id').all() as { entity: string; entity_id: string }[];
}

/** How many records have conflicts to resolve. */
export function conflictCount(db: Database): number {
  return prepared(db, 'SELECT count(*) FROM sync_conflicts').pluck().get() as number;
}

/** Forgets a record's conflicts (a received record this laptop refused to keep). */
export function forgetConflicts(db: Database, entity: string, entityId: string): void {
  prepared(db, 'DELETE FROM sync_conflicts WHERE entity = ? AND entity_id = ?').run(entity, entityId);
}
