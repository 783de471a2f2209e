import { createHash } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterEach } from 'vitest';
import { withStagedUpload } from '../../electron/core/files';
import { createWorkbench, workspaceFile, type Workbench } from '../../electron/core/workbench';
import { ENTITY_TABLES } from '../../electron/store/entities';
import { listConflicts } from '../../electron/services/sync/conflicts';
import { syncNow } from '../../electron/services/sync';
import { enroll } from '../../electron/services/sync/enroll';
import { listDevices, setDeviceState } from '../../hub/services/accounts';
import { addUser } from '../../hub/services/users';
import type { HubDb } from '../../hub/db/hub-db';
import { openPgHub } from '../../hub/db/pg';
import { openSqliteHub } from '../../hub/db/sqlite';
import { buildHub } from '../../hub/routes/server';
import { KEY_FILE } from '../../hub/services/keys';
import { generateDemo } from '../../electron/services/demo/generate';
import { generateDemoPast } from '../../electron/services/demo/inspections';
import { openWorkbench, tempDir } from './helpers';

/** The PostgreSQL server the suite uses (npm test starts a throwaway one and points QINGSHUI_TEST_PG at it). */
export const PG_URL = process.env.QINGSHUI_TEST_PG ?? 'postgres://qingshui:qingshui@127.0.0.1:5432/postgres';
export const PASSWORD = 'secret-pass-1';

export type TestHub = { url: string; db: HubDb; dir: string; kind: 'sqlite' | 'pg'; close(): Promise<void> };
const hubs: TestHub[] = [];
afterEach(async () => { for (const h of hubs.splice(0)) await h.close(); });

/** A fresh database on the PostgreSQL server, dropped when the hub closes. */
export async function freshPg(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `qs_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try { await admin.connect(); } catch (e) { throw new Error(`PostgreSQL 不可用（${PG_URL}）：${(e as Error).message}。npm test 会自行启动一个临时 PostgreSQL；单独运行 vitest 时请设置 QINGSHUI_TEST_PG`); }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A real hub on a loopback port (SQLite in a temp folder, or a fresh PostgreSQL database) with an admin account. */
export async function startHub(kind: 'sqlite' | 'pg' = 'sqlite'): Promise<TestHub> {
  const dir = tempDir();
  const pgdb = kind === 'pg' ? await freshPg() : null;
  const db = pgdb ? await openPgHub(pgdb.url) : openSqliteHub(dir);
  const app = await buildHub(db, dir, pino({ level: 'warn' }, pino.destination({ dest: join(dir, 'hub.log'), sync: true })));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  await addTestUser(db, 'admin', 'admin', []);
  let closed = false;
  const hub: TestHub = {
    url, db, dir, kind,
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close(); await db.close(); await pgdb?.drop();
    },
  };
  hubs.push(hub);
  return hub;
}

/**
 * Several real hub processes (`qingshui hub start`) on one fresh PostgreSQL database, files kept in the
 * database (issue 21), sharing the hub's keys; `db` is this test's own connection to the same database.
 */
export async function startHubProcesses(n: number): Promise<TestHub & { urls: string[] }> {
  const pgdb = await freshPg();
  const db = await openPgHub(pgdb.url);
  const dirs = Array.from({ length: n }, () => tempDir());
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  for (const [i, dir] of dirs.entries()) {
    if (i > 0) copyFileSync(join(dirs[0], KEY_FILE), join(dir, KEY_FILE));
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'bin', 'qingshui.cjs'), 'hub', 'start', '--data', dir, '--port', '0', '--database', pgdb.url, '--blob-store', 'database'], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const line = await new Promise<string>((ok, fail) => { createInterface({ input: child.stdout! }).once('line', ok); child.once('exit', (code) => fail(new Error(`hub process exited ${code}`))); });
    urls.push(/(http:\/\/\S+?)（/.exec(line)![1]);
  }
  if (!(await db.one("SELECT 1 FROM users WHERE name = 'admin'"))) await addTestUser(db, 'admin', 'admin', []);
  let closed = false;
  const hub = {
    url: urls[0], urls, db, dir: dirs[0], kind: 'pg' as const,
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all(children.map((c) => new Promise((ok) => { c.once('exit', ok); c.kill('SIGTERM'); })));
      await db.close(); await pgdb.drop();
    },
  };
  hubs.push(hub);
  return hub;
}

let blank: string | null = null;

/** A new empty workspace, copied from one made once per process (migrating and seeding each time is slow). */
export function blankLaptop(): Workbench {
  if (!blank) {
    blank = mkdtempSync(join(tmpdir(), 'qingshui-blank-'));
    createWorkbench({ dataDir: blank, actor: 'system' }).close();
  }
  const dir = tempDir();
  copyFileSync(workspaceFile(blank), workspaceFile(dir));
  return openWorkbench(dir, 'system');
}

let knownHash: string | null = null;

/** Adds an account; the password's scrypt hash is computed once per process and reused (it is the same password). */
async function addTestUser(db: HubDb, name: string, role: string, towns: string[]): Promise<void> {
  if (!knownHash) {
    await addUser(db, { name, role, towns, password: PASSWORD });
    knownHash = (await db.one<{ password: string }>('SELECT password FROM users WHERE name = $1', [name]))!.password;
    return;
  }
  await db.run('INSERT INTO users (name, display, role, towns, password, disabled, created_at) VALUES ($1, $1, $2, $3, $4, 0, $5)', [name, role, JSON.stringify(towns), knownHash, new Date().toISOString()]);
}

/** A laptop (a workbench on its own folder) enrolled as a user of the hub, approved. */
export async function enrolledLaptop(hub: TestHub, user = 'admin', opts: { role?: string; towns?: string[]; wb?: Workbench } = {}): Promise<Workbench> {
  if (user !== 'admin' && !(await hub.db.one('SELECT 1 FROM users WHERE name = $1', [user]))) {
    await addTestUser(hub.db, user, opts.role ?? 'inspector', opts.towns ?? []);
  }
  const wb = opts.wb ?? blankLaptop();
  const r = await enroll(wb.store, hub.url, user, PASSWORD);
  if (r.state === 'pending') await setDeviceState(hub.db, r.deviceId, 'approved');
  return wb;
}

/** Laptop A: the demo county (and `inspections` past inspections with their photos), enrolled as the admin. */
export async function countyLaptop(hub: TestHub, inspections = 0): Promise<Workbench> {
  const a = openWorkbench(tempDir(), 'system');
  generateDemo(a.store, { scale: 1 });
  if (inspections) await generateDemoPast(a.store, { count: inspections });
  await enrolledLaptop(hub, 'admin', { wb: a });
  return a;
}

/** A hub with the county synced to it (laptop A, the admin) and a town officer's laptop for its first town, synced. */
export async function countyAndOfficer(kind: 'sqlite' | 'pg', officer: string) {
  const hub = await startHub(kind);
  const a = await countyLaptop(hub);
  await syncNow(a.ctx);
  const towns = townsOf(a);
  const t = await enrolledLaptop(hub, officer, { role: 'town', towns: [towns[0]] });
  await syncNow(t.ctx);
  return { hub, a, towns, t };
}

/** The towns of a workspace's county, by code. */
export function townsOf(wb: Workbench): string[] {
  return wb.store.db.prepare("SELECT code FROM regions WHERE level = 'town' ORDER BY code").pluck().all() as string[];
}

export async function deviceIdOf(hub: TestHub, user: string): Promise<string> {
  return (await listDevices(hub.db)).filter((d) => d.user === user).at(-1)!.id;
}

/** A digest of every synced record of a workspace (derived caches and local timestamps left out). */
export function stateHash(wb: Workbench): string {
  const h = createHash('sha256');
  for (const spec of [...ENTITY_TABLES.values()].sort((a, b) => a.entity.localeCompare(b.entity))) {
    const cols = [spec.key, ...Object.values(spec.columns).map((c) => (typeof c === 'string' ? c : c[0])), 'deleted_at'];
    const rows = wb.store.db.prepare(`SELECT ${cols.join(', ')} FROM ${spec.table} ORDER BY ${spec.key}`).raw().all();
    h.update(spec.entity).update(JSON.stringify(rows));
  }
  return h.digest('hex');
}

/** The conflicts of a workspace as comparable text: record, field and the HLCs of its values. */
export function conflictKeys(wb: Workbench): string[] {
  return listConflicts(wb.store.db).map((c) => `${c.entity}/${c.entityId}/${c.field}:${c.values.map((v) => v.hlc).sort().join(',')}`).sort();
}

/** Imports a bundle file as the CLI does: staged into the workspace's uploads, then by name. */
export function importBundleFile(t: Workbench, path: string) {
  return withStagedUpload(t, path, (staged) => t.call('sync.importBundle', { staged }));
}
