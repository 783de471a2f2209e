import { spawn } from 'node:child_process';
import pg from 'pg';
import { ADDED_COLUMNS, AFTER_COLUMNS_SQL, schemaSql, type HubDb, type Queryable } from './hub-db';

// Hub sequence numbers are BIGINT; they stay far below 2^53, so they are read as numbers.
pg.types.setTypeParser(20, (v: string) => Number(v));

function over(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    all: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    one: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params: unknown[] = []) => { await client.query(sql, params); },
  };
}

/** The hub on a PostgreSQL server (a city or province); the schema is created if missing. */
export async function openPgHub(url: string): Promise<HubDb> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  await pool.query(schemaSql('BIGSERIAL', 'BYTEA'));
  for (const a of ADDED_COLUMNS) await pool.query(`ALTER TABLE ${a.table} ADD COLUMN IF NOT EXISTS ${a.column} ${a.type}`);
  await pool.query(AFTER_COLUMNS_SQL);
  return {
    kind: 'pg', ...over(pool),
    tx: async <T>(fn: (q: Queryable) => Promise<T>): Promise<T> => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // One writer at a time: hub sequence numbers then commit in order, so a pull never skips one.
        await client.query('SELECT pg_advisory_xact_lock(7301)');
        const out = await fn(over(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    backupTo: (file: string) => pgTool('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, url]),
    close: () => pool.end(),
  };
}

/** A database URL without its password (which goes to the tool in PGPASSWORD: a command line is readable by every user). */
function withoutPassword(url: string): { url: string; password: string | undefined } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : u.searchParams.get('password') ?? undefined;
  u.password = '';
  u.searchParams.delete('password');
  return { url: u.toString(), password };
}

/**
 * Runs PostgreSQL's own tool (pg_dump: a consistent dump in one snapshot; pg_restore) on the database
 * named in the arguments' last `postgres://` URL; refused in Chinese when the tool is missing or fails.
 */
export function pgTool(tool: 'pg_dump' | 'pg_restore', args: string[]): Promise<void> {
  let password: string | undefined;
  const safe = args.map((a) => {
    const m = /^(--dbname=)?(postgres(ql)?:\/\/.*)$/.exec(a);
    if (!m) return a;
    const w = withoutPassword(m[2]);
    password = w.password;
    return `${m[1] ?? ''}${w.url}`;
  });
  return new Promise((resolve, reject) => {
    const child = spawn(tool, safe, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { if (err.length < 4000) err += d.toString(); });
    child.on('error', (e: NodeJS.ErrnoException) => reject(new Error(e.code === 'ENOENT' ? `找不到 ${tool}：请安装 PostgreSQL 客户端（Debian：apt install postgresql-client，版本不低于服务器）` : e.message)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} 失败（${code}）：${err.trim().slice(0, 1000)}`))));
  });
}

/** Puts a pg_dump backup in place of the hub's tables (every hub process must be stopped). */
export function restorePgDump(url: string, file: string): Promise<void> {
  return pgTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${url}`, file]);
}
