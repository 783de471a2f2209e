import type { Database } from 'better-sqlite3';

/** What a 督察交办 problem list carries besides a finding's own fields: its number, goal, partners, leader. */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE findings ADD COLUMN number TEXT;
    ALTER TABLE findings ADD COLUMN goal TEXT NOT NULL DEFAULT '';
    ALTER TABLE findings ADD COLUMN partner_units TEXT NOT NULL DEFAULT '';
    ALTER TABLE findings ADD COLUMN leader TEXT NOT NULL DEFAULT '';
    CREATE INDEX findings_number ON findings(number) WHERE number IS NOT NULL;
  `);
}
