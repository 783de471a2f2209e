import type { Database } from 'better-sqlite3';

/**
 * 1–2 character search: a contentless FTS5 index with one token per character (qs_chars), so a
 * short term is a phrase lookup. Trigram (0020) still serves terms of 3 characters or more.
 */
export function up(db: Database): void {
  for (const [table, columns] of [
    ['enterprises', ['name', 'uscc', 'address']],
    ['outfalls', ['name', 'code', 'local_code']],
  ] as const) {
    const cols = columns.join(', ');
    const values = (prefix: string) => columns.map((c) => `qs_chars(${prefix}.${c})`).join(', ');
    db.exec(`
      CREATE VIRTUAL TABLE ${table}_chars USING fts5(${cols}, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
      CREATE TRIGGER ${table}_chars_ai AFTER INSERT ON ${table} BEGIN
        INSERT INTO ${table}_chars(rowid, ${cols}) VALUES (new.rowid, ${values('new')});
      END;
      CREATE TRIGGER ${table}_chars_ad AFTER DELETE ON ${table} BEGIN
        DELETE FROM ${table}_chars WHERE rowid = old.rowid;
      END;
      CREATE TRIGGER ${table}_chars_au AFTER UPDATE OF ${cols} ON ${table} BEGIN
        INSERT OR REPLACE INTO ${table}_chars(rowid, ${cols}) VALUES (new.rowid, ${values('new')});
      END;
      INSERT INTO ${table}_chars(rowid, ${cols}) SELECT rowid, ${values(table)} FROM ${table};
    `);
  }
}
