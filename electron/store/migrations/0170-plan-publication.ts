import type { Database } from 'better-sqlite3';

/** Issue 19: a random check's result carries the date it was published (公示日期), entered when it is. */
export function up(db: Database): void {
  db.exec('ALTER TABLE plan_tasks ADD COLUMN published_at TEXT');
}
