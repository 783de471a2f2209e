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
  await pool.query(schemaSql('BIGSERIAL'));
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
    close: () => pool.end(),
  };
}
