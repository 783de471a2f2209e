import type { Database } from 'better-sqlite3';

/**
 * Issue 19: an enterprise or outfall names the discharge standard it is held to (执行标准: GB 18918-2002
 * 一级A …, GB 8978-1996 一级 …, or its permit's limits entered per pollutant), so a sampled discharge is
 * judged against discharge limits instead of the receiving water's quality class.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE enterprises ADD COLUMN discharge_standard TEXT;
    ALTER TABLE enterprises ADD COLUMN permit_limits TEXT;
    ALTER TABLE outfalls ADD COLUMN discharge_standard TEXT;
    ALTER TABLE outfalls ADD COLUMN permit_limits TEXT;
  `);
}
