import type { Database } from 'better-sqlite3';

/**
 * Issue 19: a 现场检查（勘察）笔录 records the party's answer to the recusal question (申请回避 / 不申请回避)
 * and, when recusal was asked for, how it was dealt with — not only the question.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE inspections ADD COLUMN recusal TEXT;
    ALTER TABLE inspections ADD COLUMN recusal_note TEXT NOT NULL DEFAULT '';
  `);
}
