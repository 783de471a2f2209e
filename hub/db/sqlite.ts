import Database from 'better-sqlite3';
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ADDED_COLUMNS, AFTER_COLUMNS_SQL, schemaSql, type HubDb, type Queryable } from './hub-db';


/** The hub on one SQLite file in its data folder. */
export function openSqliteHub(dir: string): HubDb {
  const db = new Database(join(dir, 'hub.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(schemaSql('INTEGER', 'BLOB'));
  for (const a of ADDED_COLUMNS) {
    const has = (db.prepare(`SELECT count(*) FROM pragma_table_info('${a.table}') WHERE name = ?`).pluck().get(a.column) as number) > 0;
    if (!has) db.exec(`ALTER TABLE ${a.table} ADD COLUMN ${a.column} ${a.type}`);
  }
  db.exec(AFTER_COLUMNS_SQL);
  const cache = new Map<string, [Database.Statement, (p: unknown[]) => unknown[]]>();
  const stmt = (sql: string, params: unknown[]) => {
    let hit = cache.get(sql);
    if (!hit) {
      const order: number[] = [];
      const text = sql.replace(/\$(\d+)/g, (_, n: string) => { order.push(Number(n) - 1); return '?'; });
      hit = [db.prepare(text), (p) => order.map((i) => p[i])];
      cache.set(sql, hit);
    }
    return { s: hit[0], p: hit[1](params) };
  };
  const q: Queryable = {
    all: async <T>(sql: string, params: unknown[] = []) => { const { s, p } = stmt(sql, params); return s.all(...p) as T[]; },
    one: async <T>(sql: string, params: unknown[] = []) => { const { s, p } = stmt(sql, params); return s.get(...p) as T | undefined; },
    run: async (sql: string, params: unknown[] = []) => {
      const { s, p } = stmt(sql, params);
      if (s.reader) s.all(...p); else s.run(...p);
    },
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    kind: 'sqlite', ...q,
    tx: <T>(fn: (q: Queryable) => Promise<T>): Promise<T> => {
      const run = queue.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const out = await fn(q);
          db.exec('COMMIT');
          return out;
        } catch (e) {
          db.exec('ROLLBACK');
          throw e;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    // SQLite's online backup API: pages copied in steps while writers go on; restarted by SQLite when one writes.
    backupTo: async (file: string) => { await db.backup(file); },
    close: async () => { await queue; db.close(); },
  };
}


/**
 * Puts a backup's database file in place of the hub's (the hub must be stopped): copied beside it, then
 * renamed over it, its old write-ahead log removed first so nothing of the replaced database is replayed.
 */
export function restoreSqliteFile(dir: string, backup: string): void {
  const target = join(dir, 'hub.db');
  const tmp = `${target}.restoring`;
  copyFileSync(backup, tmp);
  for (const extra of ['-wal', '-shm']) rmSync(`${target}${extra}`, { force: true });
  renameSync(tmp, target);
}
