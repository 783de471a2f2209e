import type { Database } from 'better-sqlite3';

/**
 * Codes that must be unique are checked where a person writes them (the outfall and checklist
 * services), no longer by the database: two laptops offline may both register the same outfall, and
 * a sync must take both records (refusing one would leave the replicas different for good). Records
 * sharing a code are listed on the 同步 page for someone to keep one.
 */
export function up(db: Database): void {
  db.exec(`
    DROP INDEX outfalls_code;
    CREATE INDEX outfalls_code ON outfalls(code) WHERE code IS NOT NULL AND deleted_at IS NULL;
    DROP INDEX checklist_templates_version;
    CREATE INDEX checklist_templates_version ON checklist_templates(code, version);
  `);
}
