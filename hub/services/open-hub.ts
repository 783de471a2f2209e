import { chmodSync, mkdirSync } from 'node:fs';
import type { HubDb } from '../db/hub-db';
import { openPgHub } from '../db/pg';
import { openSqliteHub } from '../db/sqlite';
import { HubRefusal } from './hub-error';

/** The handle on the hub's database that the routes hold and hand to each service. */
export type { HubDb } from '../db/hub-db';

/** Opens the hub's database: SQLite in the data folder, or the PostgreSQL server named. */
export async function openHubDb(dir: string, database?: string): Promise<HubDb> {
  // The hub's folder holds its keys, database, photos and logs: its owner's only.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (!database) return openSqliteHub(dir);
  if (!/^postgres(ql)?:\/\//.test(database)) throw new HubRefusal(400, 'invalid', `--database 应为 postgres://用户:密码@主机/库名，收到“${database}”`);
  try {
    return await openPgHub(database);
  } catch (e) {
    throw new HubRefusal(503, 'database', `连不上 PostgreSQL（${(e as Error).message}）`);
  }
}
