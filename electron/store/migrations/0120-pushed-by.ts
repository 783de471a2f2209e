import type { Database } from 'better-sqlite3';

/**
 * The hub account whose authenticated device pushed a remote change (DESIGN §11): the hub decides it
 * from the session, so 修改记录 can show who really sent a change beside the author it names.
 */
export function up(db: Database): void {
  db.exec('ALTER TABLE changes ADD COLUMN pushed_by TEXT');
}
