import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { createWorkbench, type Workbench } from '../../electron/core/workbench';
import { syncNow } from '../../electron/services/sync';
import { expectBlob, putBlob } from '../../electron/store/blob-store';
import { blobRefs } from '../../shared/sync/blob-refs';
import { ENTERPRISE, RECORD_EVENT, REGION } from '../../electron/store/entities';
import { generateDemoLoop } from '../../electron/services/demo/closed-loop';
import { generateDemo } from '../../electron/services/demo/generate';
import { generateDemoPast } from '../../electron/services/demo/inspections';
import { ENTITY_TABLES } from '../../electron/store/entities';
import { applyRemoteChanges, type RemoteChange } from '../../electron/services/sync/apply';
import { writeRow } from '../../electron/store/row-writer';
import { exportDeviceBundle } from '../../electron/services/sync/bundle';
import { enroll } from '../../electron/services/sync/enroll';
import { HubClient } from '../../electron/services/sync/hub-client';
import { connectWith } from '../../electron/services/sync/session';
import { addUser } from '../../hub/services/users';
import { importHubBundle } from '../../hub/services/bundles';
import type { HubDb } from '../../hub/db/hub-db';
import { openPgHub } from '../../hub/db/pg';
import { openSqliteHub } from '../../hub/db/sqlite';
import { report } from './measure';
import { jpegBytes } from '../fixtures/evidence-bytes';

const PG_URL = process.env.QINGSHUI_TEST_PG ?? 'postgres://qingshui:qingshui@127.0.0.1:5432/postgres';
const TOWNS = Array.from({ length: 10 }, (_, i) => `3607990${String(i + 1).padStart(2, '0')}000`);
const hlcOf = (ms: number, counter: number, node: string) => `${ms.toString(16).padStart(12, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;

/** The fields of one synthetic enterprise (about the size of a real one). */
function enterprise(i: number): Record<string, unknown> {
  return {
    name: `清水县测试${i}号化工有限公司`, uscc: '91130200699229617X', keyUnit: i % 7 === 0, state: '正常生产', address: `清水县工业园 ${i} 号`,
    townCode: TOWNS[i % TOWNS.length], legalRepresentative: '张三', contactName: '李四', contactPhone: '0797-6821369', tags: ['涉水'], note: '',
    industryCode: 'C2614', permitClass: '重点管理', lon: 115 + (i % 1000) / 10000, lat: 25.9 + (i % 997) / 10000,
  };
}

function regionChanges(node: string): RemoteChange[] {
  const county = { node, nseq: 1, entity: 'region', entityId: '360799000000', hlc: hlcOf(1, 0, node), author: 'system', fields: { name: '清水县', level: 'county', parentCode: null }, base: {}, hubSeq: 1 };
  return [county, ...TOWNS.map((code, i) => ({ node, nseq: i + 2, entity: 'region', entityId: code, hlc: hlcOf(1, i + 1, node), author: 'system', fields: { name: `第${i + 1}镇`, level: 'town', parentCode: '360799000000' }, base: {}, hubSeq: i + 2 }))];
}

function enterpriseChanges(node: string, n: number, first: number): RemoteChange[] {
  return Array.from({ length: n }, (_, i) => ({
    node, nseq: first + i, entity: 'enterprise', entityId: `e-${String(i).padStart(7, '0')}`, hlc: hlcOf(2 + i, 0, node), author: 'system',
    fields: enterprise(i), base: {}, hubSeq: first + i,
  }));
}

/** A laptop's whole change log (the demo county with a year of inspections and its closed loop), as another laptop receives it. */
async function demoLog(root: string): Promise<RemoteChange[]> {
  const wb = createWorkbench({ dataDir: join(root, 'mix-source'), actor: 'system' });
  generateDemo(wb.store, { scale: 2 });
  await generateDemoPast(wb.store, { count: 1500 });
  generateDemoLoop({ store: wb.store, session: { personId: null }, actor: 'system' });
  const rows = wb.store.db.prepare('SELECT seq, node, nseq, entity, entity_id, hlc, author, fields, base FROM changes ORDER BY seq').all() as { seq: number; node: string; nseq: number; entity: string; entity_id: string; hlc: string; author: string; fields: string; base: string | null }[];
  wb.close();
  return rows.map((r) => ({ node: r.node, nseq: r.nseq, entity: r.entity, entityId: r.entity_id, hlc: r.hlc, author: r.author, fields: JSON.parse(r.fields), base: r.base ? JSON.parse(r.base) : {}, hubSeq: r.seq }));
}

/**
 * The rows of these changes written straight (no merge, no duplicate or signature checks), each page
 * in one transaction; with `log`, each with its change-log row too — what a sync must store at least.
 */
function writeStraight(wb: Workbench, changes: RemoteChange[], log: boolean): number {
  const { db } = wb.store;
  const insertChange = db.prepare('INSERT INTO changes (node, nseq, entity, entity_id, hlc, author, fields, base, hub_seq, sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)');
  const seen = new Set<string>();
  const t = performance.now();
  for (let i = 0; i < changes.length; i += 5000) wb.store.replicaTransaction(() => {
    for (const c of changes.slice(i, i + 5000)) {
      const key = `${c.entity}/${c.entityId}`;
      for (const hash of blobRefs(c.entity, c.fields)) expectBlob(db, hash);
      try { writeRow(db, ENTITY_TABLES.get(c.entity)!, c.entityId, c.fields, seen.has(key) ? true : undefined); } catch { /* a built-in template already there */ }
      if (log) insertChange.run(c.node, c.nseq, c.entity, c.entityId, c.hlc, c.author, JSON.stringify(c.fields), JSON.stringify(c.base), c.hubSeq);
      seen.add(key);
    }
  });
  return performance.now() - t;
}

/**
 * A client applying what sync carries — a laptop's change log: new enterprises and outfalls,
 * inspections with their answers, photos and signatures, findings and their events, edits — beside
 * writing the same rows without the merge or the change log, and the rows with their change-log rows
 * (the least a sync must store, which bounds the apply rate).
 */
async function benchApplyMix(root: string, results: boolean[]): Promise<void> {
  const changes = await demoLog(root);
  // Apply and its baselines take turns, best of five each: a shared machine's noise falls on all of them.
  let applyMs = Infinity; let rawMs = Infinity; let loggedMs = Infinity;
  for (let round = 0; round < 5; round++) {
    const wb = createWorkbench({ dataDir: join(root, `mix-apply-${round}`), actor: 'system' });
    const t = performance.now();
    // Each page in its own transaction, as the sync engine writes a page of a pull.
    let refused = 0;
    for (let i = 0; i < changes.length; i += 5000) refused += wb.store.replicaTransaction(() => applyRemoteChanges(wb.store, changes.slice(i, i + 5000))).rejected.length;
    applyMs = Math.min(applyMs, performance.now() - t);
    // The county's own log applies whole: a refusal here is a fault of the apply, not a figure.
    if (refused) console.log(`# apply mix: ${refused} change(s) refused — NOT a clean apply`);
    const raw = createWorkbench({ dataDir: join(root, `mix-raw-${round}`), actor: 'system' });
    rawMs = Math.min(rawMs, writeStraight(raw, changes, false));
    const logged = createWorkbench({ dataDir: join(root, `mix-logged-${round}`), actor: 'system' });
    loggedMs = Math.min(loggedMs, writeStraight(logged, changes, true));
    wb.close(); raw.close(); logged.close();
  }
  const kinds = new Map<string, number>();
  for (const c of changes) kinds.set(c.entity, (kinds.get(c.entity) ?? 0) + 1);
  console.log(`# apply mix: ${changes.length} changes — ${[...kinds].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, n]) => `${k} ${n}`).join(', ')} … (best of 5 rounds, taken in turn)`);
  const rate = (ms: number) => changes.length / (ms / 1000);
  results.push(report('sync_apply_rate', rate(applyMs), 'changes/s', { name: 'the same rows written without merge or change log', value: rate(rawMs) }, { min: 50_000 }));
  results.push(report('sync_apply_rows_and_log_rate', rate(loggedMs), 'changes/s', { name: 'the rows alone', value: rate(rawMs) }));
  // Issue «One house»: the one write path must not slow the apply — apply ÷ (rows + change-log rows) ≥ 0.80.
  results.push(report('sync_apply_share_of_rows_and_log', loggedMs / applyMs, '×', { name: 'rows + change-log rows', value: 1 }, { min: 0.8 }));
}

/** New enterprises only (each row feeds two trigram search indexes and a pinyin key), beside plain INSERTs. */
function benchApply(root: string, results: boolean[]): void {
  const N = 100_000;
  const node = 'nbench';
  const wb = createWorkbench({ dataDir: join(root, 'apply'), actor: 'system' });
  applyRemoteChanges(wb.store, regionChanges(node));
  const changes = enterpriseChanges(node, N, 20);
  let t = performance.now();
  for (let i = 0; i < N; i += 5000) wb.store.replicaTransaction(() => applyRemoteChanges(wb.store, changes.slice(i, i + 5000)));
  const applyMs = performance.now() - t;
  const raw = createWorkbench({ dataDir: join(root, 'apply-raw'), actor: 'system' });
  for (const c of regionChanges(node)) raw.store.write(REGION, c.entityId, c.fields, 'system');
  const cols = ['id', 'name', 'uscc', 'key_unit', 'state', 'address', 'town_code', 'legal_representative', 'contact_name', 'contact_phone', 'tags', 'note', 'industry_code', 'permit_class', 'lon', 'lat', 'created_at', 'updated_at'];
  const insert = raw.store.db.prepare(`INSERT INTO enterprises (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  t = performance.now();
  raw.store.transaction(() => {
    for (const c of changes) {
      const f = c.fields;
      insert.run(c.entityId, f.name, f.uscc, f.keyUnit ? 1 : 0, f.state, f.address, f.townCode, f.legalRepresentative, f.contactName, f.contactPhone, JSON.stringify(f.tags), f.note, f.industryCode, f.permitClass, f.lon, f.lat, 'x', 'x');
    }
  });
  const rawMs = performance.now() - t;
  results.push(report('sync_apply_new_enterprises_rate', N / (applyMs / 1000), 'changes/s', { name: 'plain INSERTs of the same rows', value: N / (rawMs / 1000) }));
  wb.close(); raw.close();
}

type BenchHub = { url: string; db: HubDb; dir: string; close(): Promise<void> };

/**
 * A hub as the bureau runs it: its own process (`qingshui hub start`) on loopback, on SQLite or on a
 * fresh PostgreSQL database, prepared first by `prepare` (accounts, bulk data). `db` is a second
 * connection for the bench's own reads and writes.
 */
async function startBenchHub(root: string, kind: 'sqlite' | 'pg', prepare: (db: HubDb) => Promise<void> = async () => undefined): Promise<BenchHub> {
  const dir = join(root, `hub-${kind}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  let drop = async () => undefined as void;
  let database: string | null = null;
  if (kind === 'pg') {
    const name = `qs_bench_${Date.now()}`;
    const c = new pg.Client({ connectionString: PG_URL }); await c.connect(); await c.query(`CREATE DATABASE ${name}`); await c.end();
    database = PG_URL.replace(/\/[^/]*$/, `/${name}`);
    drop = async () => { const d = new pg.Client({ connectionString: PG_URL }); await d.connect(); await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); await d.end(); };
  }
  const open = () => (database ? openPgHub(database) : Promise.resolve(openSqliteHub(dir)));
  const setup = await open();
  await addUser(setup, { name: 'admin', role: 'admin', towns: [], password: 'bench-pass-1' });
  await prepare(setup);
  await setup.close();
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'bin', 'qingshui.cjs'), 'hub', 'start', '--data', dir, '--port', '0', ...(database ? ['--database', database] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', ok));
  const url = /(http:\/\/\S+?)（/.exec(line)![1];
  const db = await open();
  return {
    url, db, dir,
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((ok) => child.once('exit', ok));
      await db.close();
      await drop();
    },
  };
}

/** Fills a hub with n enterprises (and the regions they refer to) as if pushed, in bulk. */
async function seedHub(db: HubDb, n: number): Promise<void> {
  const node = 'nseed';
  const all = [...regionChanges(node), ...enterpriseChanges(node, n, 20)];
  const now = new Date().toISOString();
  for (let i = 0; i < all.length; i += 1000) {
    const batch = all.slice(i, i + 1000);
    await db.tx(async (q) => {
      const vals: unknown[] = [];
      const rows: string[] = [];
      const recs: unknown[] = [];
      const recRows: string[] = [];
      batch.forEach((c, j) => {
        const k = j * 10;
        rows.push(`($${k + 1}, $${k + 2}, $${k + 3}, $${k + 4}, $${k + 5}, $${k + 6}, $${k + 7}, $${k + 8}, $${k + 9}, $${k + 10})`);
        vals.push(c.node, i + j + 1, c.entity, c.entityId, c.hlc, c.author, JSON.stringify(c.fields), '{}', (c.fields.townCode as string | undefined) ?? null, now);
        const heads = Object.fromEntries(Object.entries(c.fields).map(([f, v]) => [f, [{ h: c.hlc, a: c.author, v }]]));
        const r = j * 5;
        recRows.push(`($${r + 1}, $${r + 2}, $${r + 3}, $${r + 4}, $${r + 5})`);
        recs.push(c.entity, c.entityId, JSON.stringify(heads), (c.fields.townCode as string | undefined) ?? null, i + j + 1);
      });
      await q.run(`INSERT INTO changes (node, nseq, entity, entity_id, hlc, author, fields, base, town, received_at) VALUES ${rows.join(', ')}`, vals);
      await q.run(`INSERT INTO records (entity, entity_id, heads, town, last_seq) VALUES ${recRows.join(', ')}`, recs);
    });
  }
  await db.run('INSERT INTO node_seqs (node, last_nseq) VALUES ($1, $2)', [node, all.length]);
}

async function laptop(root: string, name: string, hub: BenchHub): Promise<Workbench> {
  const wb = createWorkbench({ dataDir: join(root, name), actor: 'system' });
  await enroll(wb.store, hub.url, 'admin', 'bench-pass-1');
  return wb;
}

/** A first sync of 250,000 rows and an incremental sync of 100 changes, from a hub on loopback. */
async function benchFirstSync(root: string, kind: 'sqlite' | 'pg', results: boolean[]): Promise<void> {
  const N = 250_000;
  let t = performance.now();
  const hub = await startBenchHub(root, kind, (db) => seedHub(db, N));
  console.log(`# ${kind} hub (its own process) seeded with ${N} records in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  try {
    const a = await laptop(root, `first-${kind}`, hub);
    t = performance.now();
    const r = await syncNow(a.ctx);
    const firstMs = performance.now() - t;
    // Baseline: the same snapshot pages fetched from the hub and parsed, not written.
    const client = new HubClient(hub.url);
    await connectWith(a.store, client);
    t = performance.now();
    let at: { entity: string; id: string; cursor: number } | null = null;
    for (;;) {
      const q: URLSearchParams = new URLSearchParams(at ? { entity: at.entity, id: at.id, cursor: String(at.cursor) } : {});
      const page: { records: unknown[]; cursor: number; more: boolean; after: { entity: string; id: string } | null } = await client.request<{ records: unknown[]; cursor: number; more: boolean; after: { entity: string; id: string } | null }>('GET', `/v1/snapshot?${q}`);
      if (!page.more || !page.after) break;
      at = { ...page.after, cursor: page.cursor };
    }
    const fetchMs = performance.now() - t;
    results.push(report(`sync_first_${N}_rows_${kind}`, firstMs / 1000, 's', { name: 'the same snapshot fetched and parsed, not written', value: fetchMs / 1000 }, { max: 60 }));
    console.log(`# first sync ${kind}: ${r.snapshotRecords} records applied at ${Math.round(r.snapshotRecords / (firstMs / 1000))} /s`);

    const b = await laptop(root, `second-${kind}`, hub);
    await syncNow(b.ctx); // b's own first sync (not measured)
    const ids = a.store.db.prepare('SELECT id FROM enterprises ORDER BY random() LIMIT 100').pluck().all() as string[];
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const [i, id] of ids.entries()) b.store.write(ENTERPRISE, id, { note: `复核 ${round}-${i}` }, 'system');
      await syncNow(b.ctx);
      t = performance.now();
      const inc = await syncNow(a.ctx);
      times.push(performance.now() - t);
      if (inc.pulled < 100) throw new Error(`incremental sync pulled ${inc.pulled}`);
    }
    const empty: number[] = [];
    for (let i = 0; i < 5; i++) { t = performance.now(); await syncNow(a.ctx); empty.push(performance.now() - t); }
    results.push(report(`sync_incremental_100_changes_${kind}`, Math.max(...times), 'ms', { name: 'a sync with nothing to do', value: Math.max(...empty) }, { max: 300 }));
    a.close(); b.close();
  } finally {
    await hub.close();
  }
}

/** A bundle of 10,000 changes and 100 photos: exported on the laptop, imported at the hub. */
async function benchBundle(root: string, results: boolean[]): Promise<void> {
  const hub = await startBenchHub(root, 'sqlite');
  try {
    const wb = await laptop(root, 'bundle', hub);
    await syncNow(wb.ctx);
    wb.store.transaction(() => {
      for (const c of regionChanges('x')) wb.store.write(REGION, c.entityId, c.fields, 'system');
      for (let i = 0; i < 9_900; i++) wb.store.write(ENTERPRISE, `b-${i}`, enterprise(i), 'system');
    });
    const photos = Array.from({ length: 100 }, () => jpegBytes(randomBytes(1_500_000)));
    wb.store.transaction(() => {
      for (const [i, bytes] of photos.entries()) {
        const hash = putBlob(wb.store.db, wb.store.blobDir, bytes, 'image/jpeg');
        wb.store.write(RECORD_EVENT, `ev-${i}`, { stream: 'finding', streamId: 'f-1', kind: 'note', hlc: wb.store.clock.next(), author: 'system', at: '2026-11-29', text: '现场照片', data: {}, blobs: [hash] }, 'system');
      }
    });
    const out = join(root, 'bench.qsync');
    let t = performance.now();
    const made = exportDeviceBundle(wb.store, out);
    const exportMs = performance.now() - t;
    t = performance.now();
    const imported = await importHubBundle(hub.db, hub.dir, out);
    const importMs = performance.now() - t;
    t = performance.now();
    const { writeFileSync, readFileSync } = await import('node:fs');
    writeFileSync(join(root, 'copy.bin'), readFileSync(out));
    const copyMs = performance.now() - t;
    console.log(`# bundle: ${made.changes} changes, ${made.blobs} photos, ${(made.bytes / 1e6).toFixed(0)} MB; export ${(exportMs / 1000).toFixed(1)} s, import ${(importMs / 1000).toFixed(1)} s (${imported.applied} applied)`);
    results.push(report('sync_bundle_10k_changes_100_photos', (exportMs + importMs) / 1000, 's', { name: 'copying the bundle file', value: copyMs / 1000 }, { max: 20 }));
    wb.close();
  } finally {
    await hub.close();
  }
}

/** DESIGN §8's figures: apply rate, first and incremental sync on SQLite and PostgreSQL, a USB bundle. */
export async function benchSync(root: string, results: boolean[]): Promise<void> {
  const parts = (process.env.BENCH_SYNC ?? 'apply,first-sqlite,first-pg,bundle').split(',');
  if (parts.includes('apply')) { await benchApplyMix(root, results); if (!process.env.BENCH_MIX_ONLY) benchApply(root, results); }
  if (parts.includes('first-sqlite')) await benchFirstSync(root, 'sqlite', results);
  if (parts.includes('first-pg')) await benchFirstSync(root, 'pg', results);
  if (parts.includes('bundle')) await benchBundle(root, results);
}
