import type { Database } from 'better-sqlite3';

/**
 * Issue 20: names found by pinyin initials and full pinyin (jcsn, jinchuan) as in every other Chinese
 * tool: a contentless FTS5 trigram index over qs_pinyin(name) (`functions.ts`), kept by triggers.
 */
export function up(db: Database): void {
  for (const table of ['enterprises', 'outfalls']) {
    db.exec(`
      CREATE VIRTUAL TABLE ${table}_py USING fts5(py, content='', contentless_delete=1, tokenize='trigram');
      CREATE TRIGGER ${table}_py_ai AFTER INSERT ON ${table} BEGIN
        INSERT INTO ${table}_py(rowid, py) VALUES (new.rowid, qs_pinyin(new.name));
      END;
      CREATE TRIGGER ${table}_py_ad AFTER DELETE ON ${table} BEGIN
        DELETE FROM ${table}_py WHERE rowid = old.rowid;
      END;
      CREATE TRIGGER ${table}_py_au AFTER UPDATE OF name ON ${table} BEGIN
        INSERT OR REPLACE INTO ${table}_py(rowid, py) VALUES (new.rowid, qs_pinyin(new.name));
      END;
      INSERT INTO ${table}_py(rowid, py) SELECT rowid, qs_pinyin(name) FROM ${table};
    `);
  }
}
