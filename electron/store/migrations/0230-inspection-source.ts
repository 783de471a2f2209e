import type { Database } from 'better-sqlite3';

/** Issue 19: an inspection records why it was made — 检查来源 (双随机, 信访, 督察交办, 日常, 专项). */
export function up(db: Database): void {
  db.exec('ALTER TABLE inspections ADD COLUMN source TEXT;');
}
