import type { Database } from 'better-sqlite3';

/**
 * Issue 19: a complaint's 复查 and 复核 (信访工作条例 第三十五条、第三十六条) each have a 30-day clock;
 * the one waiting for its opinion is cached from the fold for lists and the 逾期 filter.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE complaints ADD COLUMN review_stage TEXT;
    ALTER TABLE complaints ADD COLUMN review_due TEXT;
  `);
}
