import type { Database } from 'better-sqlite3';

/**
 * The hub account a local change was made under (issue 18: the hub judges each change by the account
 * that made it, not only by the device that pushed it). Null for a change made by a program on this
 * computer, a local account of a workspace without a hub, or one received from elsewhere.
 */
export function up(db: Database): void {
  db.exec('ALTER TABLE changes ADD COLUMN account TEXT');
}
