import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { insertDevice } from '../../hub/db/devices';
import type { HubDb } from '../../hub/db/hub-db';
import { openPgHub } from '../../hub/db/pg';
import { KEY_FILE } from '../../hub/services/keys';
import { addUser } from '../../hub/services/users';
import { CHUNK_BYTES, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { jpegBytes } from '../fixtures/evidence-bytes';

/*
 * The hub under load (issue 21): simulated laptops — protocol clients with real Ed25519 device keys,
 * not whole workspaces — sign in, push pages of changes, upload photos and pull, for a bounded time,
 * against hub processes (`qingshui hub start`, files in the database) on one PostgreSQL on loopback.
 * Ten laptops enrol through the API (scrypt checks the password: seconds each); the others are
 * registered in the database, approved. Every change pushed is then counted at the hub: exactly once.
 */

const BIN = join(__dirname, '..', '..', 'bin', 'qingshui.cjs');
const TOWNS = Array.from({ length: 10 }, (_, i) => `3607990${String(i + 1).padStart(2, '0')}000`);
const PASSWORD = 'load-secret-1';

export type LoadOptions = { pgUrl: string; laptops: number; seconds: number; processes: number; batch: number; photoEvery: number };
export type LoadResult = {
  processes: number; laptops: number; seconds: number; pushed: number; ingestPerSec: number; pushes: number; pulls: number; photos: number;
  push: { p50: number; p95: number; p99: number }; pull: { p50: number; p95: number; p99: number }; enrolMs: number;
  errors: number; firstErrors: string[]; exactlyOnce: boolean;
};

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))] : 0; };

/** A fresh database on the server; dropped by the returned function. */
async function freshDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `qs_load_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect(); await admin.query(`CREATE DATABASE ${name}`); await admin.end();
  const own = url.replace(/\/[^/]*$/, `/${name}`);
  return { url: own, drop: async () => { const c = new pg.Client({ connectionString: url }); await c.connect(); await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); await c.end(); } };
}

async function startProcesses(n: number, dbUrl: string): Promise<{ urls: string[]; stop(): Promise<void> }> {
  const dirs = Array.from({ length: n }, () => mkdtempSync(join(tmpdir(), 'qingshui-load-hub-')));
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  for (const [i, dir] of dirs.entries()) {
    if (i > 0) copyFileSync(join(dirs[0], KEY_FILE), join(dir, KEY_FILE));
    // QINGSHUI_LOAD_PROFILE=DIR: each hub process writes a CPU profile there when it stops (what limits it).
    const profile = process.env.QINGSHUI_LOAD_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.QINGSHUI_LOAD_PROFILE] : [];
    const child = spawn(process.execPath, [...profile, BIN, 'hub', 'start', '--data', dir, '--port', '0', '--database', dbUrl, '--blob-store', 'database'], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const line = await new Promise<string>((ok, fail) => { createInterface({ input: child.stdout! }).once('line', ok); child.once('exit', (c) => fail(new Error(`hub exited ${c}`))); });
    urls.push(/(http:\/\/\S+?)（/.exec(line)![1]);
  }
  return {
    urls,
    stop: async () => {
      await Promise.all(children.map((c) => new Promise((ok) => { c.once('exit', ok); c.kill('SIGTERM'); })));
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

type Laptop = { i: number; deviceId: string; node: string; key: KeyObject; town: string; hub: string; token: string | null; nseq: number; cursor: number; pending: unknown[] | null };

async function call<T>(hub: string, method: string, path: string, body: unknown, token: string | null, raw?: { bytes: Buffer; sha: string }): Promise<T> {
  const headers: Record<string, string> = { 'x-qingshui-protocol': String(PROTOCOL_VERSION) };
  if (token) headers.authorization = `Bearer ${token}`;
  if (raw) { headers['content-type'] = 'application/octet-stream'; headers['x-chunk-sha256'] = raw.sha; } else if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(new URL(path, hub), { method, headers, body: raw ? new Uint8Array(raw.bytes) : body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
  const out = await res.json() as T & { message?: string };
  if (!res.ok) throw new Error(`${path} ${res.status}: ${out.message ?? ''}`);
  return out;
}

async function signIn(l: Laptop): Promise<void> {
  const { challenge } = await call<{ challenge: string }>(l.hub, 'GET', '/v1/challenge', undefined, null);
  const t = await call<{ token: string }>(l.hub, 'POST', '/v1/token', { deviceId: l.deviceId, challenge, signature: sign(null, Buffer.from(challenge), l.key).toString('base64') }, null);
  l.token = t.token;
}

/** A page of `n` new enterprises in the laptop's town, as a laptop writes them. */
function page(l: Laptop, n: number): unknown[] {
  const now = Date.now();
  return Array.from({ length: n }, (_, k) => {
    const nseq = ++l.nseq;
    return {
      cid: `${l.node}:${nseq}`, node: l.node, nseq, entity: 'enterprise', entityId: `${l.node}-${nseq}`,
      hlc: `${now.toString(16).padStart(12, '0')}-${k.toString(16).padStart(4, '0')}-${l.node}`, author: 'system', base: {},
      fields: { name: `负载测试${l.i}号${nseq}厂`, uscc: '', keyUnit: false, state: '正常生产', address: `工业园 ${nseq} 号`, townCode: l.town, legalRepresentative: '', contactName: '', contactPhone: '', tags: [], note: '' },
    };
  });
}

/** One configuration: `processes` hub processes, `laptops` simulated laptops for `seconds`. */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const database = await freshDatabase(o.pgUrl);
  const db: HubDb = await openPgHub(database.url);
  const hubs = await startProcesses(o.processes, database.url);
  try {
    for (const [i, town] of TOWNS.entries()) await addUser(db, { name: `town${i}`, role: 'town', towns: [town], password: PASSWORD });
    const laptops: Laptop[] = [];
    const enrolStart = performance.now();
    for (let i = 0; i < o.laptops; i++) {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const pub = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
      const hub = hubs.urls[i % hubs.urls.length];
      let deviceId: string; let node: string;
      if (i < 10) {
        const r = await call<{ deviceId: string; node: string }>(hub, 'POST', '/v1/enroll', { user: `town${i % 10}`, password: PASSWORD, deviceName: `负载 ${i}`, publicKey: pub, protocol: PROTOCOL_VERSION }, null);
        ({ deviceId, node } = r);
        await db.run("UPDATE devices SET state = 'approved', approved_at = $2 WHERE id = $1", [deviceId, new Date().toISOString()]);
      } else {
        deviceId = `d${randomBytes(6).toString('hex')}`; node = `n${randomBytes(5).toString('hex')}`;
        const at = new Date().toISOString();
        await insertDevice(db, { id: deviceId, node, user: `town${i % 10}`, name: `负载 ${i}`, publicKey: pub, state: 'approved', createdAt: at, approvedAt: at });
      }
      laptops.push({ i, deviceId, node, key: privateKey, town: TOWNS[i % 10], hub, token: null, nseq: 0, cursor: 0, pending: null });
    }
    const enrolMs = (performance.now() - enrolStart) / Math.min(10, o.laptops);
    const pushMs: number[] = []; const pullMs: number[] = [];
    const errors: string[] = [];
    let pushes = 0; let pulls = 0; let photos = 0;
    const acked = new Map<string, number>();
    const start = performance.now();
    const deadline = start + o.seconds * 1000;
    await Promise.all(laptops.map(async (l) => {
      for (let round = 0; performance.now() < deadline; round++) {
        try {
          if (!l.token) await signIn(l);
          // A page not acknowledged is sent again as it was (as a laptop does); then a new one.
          l.pending ??= page(l, o.batch);
          let t = performance.now();
          await call(l.hub, 'POST', '/v1/push', { protocol: PROTOCOL_VERSION, lastNseq: l.nseq, changes: l.pending }, l.token);
          pushMs.push(performance.now() - t); pushes++;
          l.pending = null;
          acked.set(l.node, l.nseq);
          if (o.photoEvery && round % o.photoEvery === o.photoEvery - 1) {
            const bytes = jpegBytes(Buffer.from(`${l.node}-${round}-`.repeat(800)));
            const sha = createHash('sha256').update(bytes).digest('hex');
            await call(l.hub, 'PUT', `/v1/blobs/${sha}/chunks/0`, undefined, l.token, { bytes, sha });
            await call(l.hub, 'POST', `/v1/blobs/${sha}/complete`, { size: bytes.length, mime: 'image/jpeg', chunks: [sha] }, l.token);
            photos++;
            if (bytes.length > CHUNK_BYTES) throw new Error('photo too large');
          }
          t = performance.now();
          const p = await call<{ next: number }>(l.hub, 'GET', `/v1/pull?after=${l.cursor}&ack=${l.cursor}&limit=200`, undefined, l.token);
          pullMs.push(performance.now() - t); pulls++;
          l.cursor = p.next;
        } catch (e) {
          l.token = null;
          errors.push((e as Error).message);
        }
      }
    }));
    const seconds = (performance.now() - start) / 1000;
    // Exactly once: every acknowledged change at the hub, numbered 1…n for its node, none twice.
    const rows = await db.all<{ node: string; n: number; hi: number }>('SELECT node, count(*) AS n, max(nseq) AS hi FROM changes GROUP BY node');
    const atHub = new Map(rows.map((r) => [r.node, r]));
    const exactlyOnce = laptops.every((l) => { const r = atHub.get(l.node); const want = acked.get(l.node) ?? 0; return want === 0 ? !r : !!r && Number(r.n) === want && Number(r.hi) === want; });
    const pushed = [...acked.values()].reduce((a, b) => a + b, 0);
    return {
      processes: o.processes, laptops: o.laptops, seconds, pushed, ingestPerSec: pushed / seconds, pushes, pulls, photos,
      push: { p50: pct(pushMs, 0.5), p95: pct(pushMs, 0.95), p99: pct(pushMs, 0.99) }, pull: { p50: pct(pullMs, 0.5), p95: pct(pullMs, 0.95), p99: pct(pullMs, 0.99) },
      enrolMs, errors: errors.length, firstErrors: [...new Set(errors)].slice(0, 5), exactlyOnce,
    };
  } finally {
    await hubs.stop();
    await db.close();
    await database.drop();
  }
}

/** The baseline: the same number of change rows inserted into PostgreSQL directly, in pages of the same size. */
export async function directInserts(pgUrl: string, rows: number, batch: number): Promise<number> {
  const database = await freshDatabase(pgUrl);
  const db = await openPgHub(database.url);
  try {
    const start = performance.now();
    for (let done = 0; done < rows; done += batch) {
      const n = Math.min(batch, rows - done);
      const params: unknown[] = [];
      const values = Array.from({ length: n }, (_, k) => {
        const i = done + k;
        params.push('nbase', i + 1, 'enterprise', `e-${i}`, `${Date.now().toString(16).padStart(12, '0')}-0000-nbase`, 'system', JSON.stringify({ name: `负载测试${i}厂`, townCode: TOWNS[i % 10] }), '{}', TOWNS[i % 10], new Date().toISOString());
        const b = k * 10;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}, $${b + 10})`;
      });
      await db.run(`INSERT INTO changes (node, nseq, entity, entity_id, hlc, author, fields, base, town, received_at) VALUES ${values.join(', ')}`, params);
    }
    return rows / ((performance.now() - start) / 1000);
  } finally {
    await db.close();
    await database.drop();
  }
}
