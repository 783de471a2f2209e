import { mkdirSync } from 'node:fs';
import type { HubDb } from './db/hub-db';
import { openPgHub } from './db/pg';
import { openSqliteHub } from './db/sqlite';
import { HubRefusal } from './hub-error';

/** Opens the hub's database: SQLite in the data folder, or the PostgreSQL server named. */
export async function openHubDb(dir: string, database?: string): Promise<HubDb> {
  mkdirSync(dir, { recursive: true });
  if (!database) return openSqliteHub(dir);
  if (!/^postgres(ql)?:\/\//.test(database)) throw new HubRefusal(400, 'invalid', `--database 应为 postgres://用户:密码@主机/库名，收到“${database}”`);
  try {
    return await openPgHub(database);
  } catch (e) {
    throw new HubRefusal(503, 'database', `连不上 PostgreSQL（${(e as Error).message}）`);
  }
}
