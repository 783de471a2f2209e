import type { Database } from 'better-sqlite3';

/** Chinese substring search: FTS5 trigram indexes kept in step by triggers. */
export function up(db: Database): void {
  for (const [table, columns] of [
    ['enterprises', ['name', 'uscc', 'address', 'legal_representative', 'pollution_source_code']],
    ['outfalls', ['name', 'code', 'local_code', 'nearest_section']],
  ] as const) {
    const cols = columns.join(', ');
    const newCols = columns.map((c) => `new.${c}`).join(', ');
    const oldCols = columns.map((c) => `old.${c}`).join(', ');
    db.exec(`
      CREATE VIRTUAL TABLE ${table}_fts USING fts5(${cols}, content='${table}', content_rowid='rowid', tokenize='trigram');
      CREATE TRIGGER ${table}_fts_ai AFTER INSERT ON ${table} BEGIN
        INSERT INTO ${table}_fts(rowid, ${cols}) VALUES (new.rowid, ${newCols});
      END;
      CREATE TRIGGER ${table}_fts_ad AFTER DELETE ON ${table} BEGIN
        INSERT INTO ${table}_fts(${table}_fts, rowid, ${cols}) VALUES ('delete', old.rowid, ${oldCols});
      END;
      CREATE TRIGGER ${table}_fts_au AFTER UPDATE OF ${cols} ON ${table} BEGIN
        INSERT INTO ${table}_fts(${table}_fts, rowid, ${cols}) VALUES ('delete', old.rowid, ${oldCols});
        INSERT INTO ${table}_fts(rowid, ${cols}) VALUES (new.rowid, ${newCols});
      END;
      INSERT INTO ${table}_fts(${table}_fts) VALUES ('rebuild');
    `);
  }
}
