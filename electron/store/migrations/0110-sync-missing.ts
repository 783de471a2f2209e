import type { Database } from 'better-sqlite3';

/**
 * Records a change arrived for that this laptop never had (moved into a town officer's area, say):
 * the change carries only what changed, so the whole record is asked of the hub — kept here until it
 * comes, so a sync killed in between asks again.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE sync_missing (
      entity TEXT NOT NULL, entity_id TEXT NOT NULL, noticed_at TEXT NOT NULL, PRIMARY KEY (entity, entity_id)
    ) WITHOUT ROWID, STRICT;
  `);
}
