import type { Database } from 'better-sqlite3';

/**
 * Issue 19: a case follows every statutory clock (立案, 决定, 陈述申辩, 缴款, 公开), cached from its
 * fold like its state. NULL: not folded since this migration (refolded when the workspace opens).
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE cases ADD COLUMN clocks TEXT;
    ALTER TABLE cases ADD COLUMN next_due TEXT;
    ALTER TABLE cases ADD COLUMN documents INTEGER NOT NULL DEFAULT 0;
  `);
}
