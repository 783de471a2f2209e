import type { Database } from 'better-sqlite3';

/** Names sort in pinyin order: an indexed generated key (qs_sortkey) beside each name. */
export function up(db: Database): void {
  for (const table of ['enterprises', 'outfalls']) {
    db.exec(`
      ALTER TABLE ${table} ADD COLUMN name_key TEXT GENERATED ALWAYS AS (qs_sortkey(name)) VIRTUAL;
      CREATE INDEX ${table}_name_key ON ${table}(deleted_at, name_key);
      CREATE INDEX ${table}_town_name_key ON ${table}(town_code, name_key);
      DROP INDEX ${table}_name;
      DROP INDEX ${table}_town;
    `);
  }
}

/** The indexes whose order depends on the collation version. */
export const SORT_KEY_INDEXES = ['enterprises_name_key', 'enterprises_town_name_key', 'outfalls_name_key', 'outfalls_town_name_key'];
