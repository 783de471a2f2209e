import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { createWorkbench, type Workbench } from '../../electron/core/workbench';
import { seededRandom, type Random } from '../../electron/services/demo/random';
import { syncNow } from '../../electron/services/sync';
import { putBlob } from '../../electron/store/blob-store';
import { ENTERPRISE, RECORD_EVENT, REGION } from '../../electron/store/entities';
import { exportDeviceBundle, importDeviceBundle } from '../../electron/services/sync/bundle';
import { readSyncState, writeSyncState } from '../../electron/store/sync-state';
import { blobRefs } from '../../shared/sync/blob-refs';
import { conflictedFields, type FieldHeads } from '../../shared/sync/merge';
import { exportHubBundle, importHubBundle } from '../../hub/services/bundles';
import { HubBlobs } from '../../hub/services/blobs';
import { currentBlobStore } from '../../hub/services/blob-choice';
import { tempDir } from './helpers';
import { conflictKeys, deviceIdOf, enrolledLaptop, startHub, startHubProcesses, stateHash, type TestHub } from './sync-helpers';
import { jpegBytes } from '../fixtures/evidence-bytes';

/** A simulated kill: the process dies at this point; the device restarts from its files. */
export class Kill extends Error {}

const KILL_POINTS = ['before-push', 'after-push', 'mid-page', 'mid-pull', 'mid-chunk', 'drop-response', 'duplicate-request', 'none', 'none'] as const;
const SKEWS = [0, 0, 0, 4 * 60_000, -5 * 60_000, 24 * 3600_000, 365 * 24 * 3600_000, -3600_000];
const FIELDS = ['contactPhone', 'address', 'note', 'contactName'] as const;

export type Device = { name: string; user: string; dir: string; wb: Workbench };

export type WorldResult = { seed: number; steps: number; kills: number; syncs: number; bundles: number; conflicts: number; problems: string[] };

export function reopen(d: Device): void {
  try { d.wb.close(); } catch { /* already closed by the kill */ }
  d.wb = createWorkbench({ dataDir: d.dir, actor: 'system', create: false });
}

/** A fetch that loses a response after the hub acted on it, or sends a request twice. */
function faultyFetch(rng: Random, mode: string): typeof fetch {
  let calls = 0;
  const at = rng.int(1, 6);
  return async (input, init) => {
    calls++;
    if (mode === 'duplicate-request' && calls === at) await fetch(input, init);
    const res = await fetch(input, init);
    if (mode === 'drop-response' && calls === at) throw new Kill('response lost');
    return res;
  };
}

export async function withSkew<T>(ms: number, fn: () => Promise<T> | T): Promise<T> {
  if (!ms) return fn();
  const real = Date.now;
  Date.now = () => real() + ms;
  try { return await fn(); } finally { Date.now = real; }
}

export function seedCounty(wb: Workbench, rng: Random): void {
  const s = wb.store;
  s.write(REGION, '360799000000', { name: '清水县', level: 'county', parentCode: null }, 'system');
  for (const [i, code] of ['360799001000', '360799002000'].entries()) s.write(REGION, code, { name: `第${i + 1}镇`, level: 'town', parentCode: '360799000000' }, 'system');
  for (let i = 0; i < 4; i++) newEnterprise(wb, rng, `0-${i}`);
}

export function newEnterprise(wb: Workbench, rng: Random, tag: string, town?: string): void {
  wb.store.write(ENTERPRISE, rng.uuid(Date.now()), {
    name: `企业${tag}`, uscc: '91130200699229617X', keyUnit: false, state: '正常生产', address: '', townCode: town ?? rng.pick(['360799001000', '360799002000']),
    legalRepresentative: '', contactName: '', contactPhone: '', tags: [], note: '',
  }, 'system');
}

export function liveEnterprises(wb: Workbench): string[] {
  return wb.store.db.prepare('SELECT id FROM enterprises WHERE deleted_at IS NULL ORDER BY id').pluck().all() as string[];
}

async function syncWithFaults(d: Device, rng: Random): Promise<boolean> {
  const mode = rng.pick(KILL_POINTS);
  const transport = mode === 'drop-response' || mode === 'duplicate-request';
  const killAt = transport || mode === 'none' ? null : mode;
  let passes = rng.int(0, 2);
  try {
    await syncNow(d.wb.ctx, {
      pageSize: rng.pick([3, 7, 50, 5000]),
      fetch: transport ? faultyFetch(rng, mode) : undefined,
      faults: { at: (p) => { if (p === killAt && passes-- <= 0) throw new Kill(p); } },
    });
    return false;
  } catch (e) {
    if (!(e instanceof Kill) && !((e as { cause?: unknown }).cause instanceof Kill)) throw e;
    reopen(d);
    return true;
  }
}

async function bundleTrip(hub: TestHub, d: Device, rng: Random, dir: string, n: number): Promise<void> {
  const up = join(dir, `up-${n}.qsync`);
  exportDeviceBundle(d.wb.store, up);
  if (rng.chance(0.8)) await importHubBundle(hub.db, hub.dir, up);
  if (rng.chance(0.3)) await importHubBundle(hub.db, hub.dir, up); // the same bundle twice
  const down = join(dir, `down-${n}.qsync`);
  await exportHubBundle(hub.db, hub.dir, await deviceIdOf(hub, d.user), down);
  if (rng.chance(0.2)) {
    const bytes = readFileSync(down);
    writeFileSync(`${down}.cut`, bytes.subarray(0, Math.floor(bytes.length * rng.next())));
    try { importDeviceBundle(d.wb.store, `${down}.cut`); throw new Error('a truncated bundle was accepted'); } catch (e) { if ((e as Error).message === 'a truncated bundle was accepted') throw e; }
  }
  try {
    importDeviceBundle(d.wb.store, down, rng.chance(0.3) ? { at: (p) => { if (p === 'mid-bundle-import') throw new Kill(p); } } : undefined);
  } catch (e) {
    if (e instanceof Kill) { reopen(d); return; }
    if (!/请先导入更早的同步包/.test((e as Error).message)) throw e;
  }
  if (rng.chance(0.3)) importDeviceBundle(d.wb.store, down); // again: harmless
  copyFileSync(down, join(dir, `last-${d.name}.qsync`));
}

/** A step's way to the hub: a bundle trip (when asked for and the device has synced once) or a sync with faults, counted in `result`. */
export async function travel(hub: TestHub, d: Device, rng: Random, dir: string, step: number, result: WorldResult, bundle: boolean): Promise<void> {
  if (bundle && readSyncState(d.wb.store.db).cursor > 0) {
    await bundleTrip(hub, d, rng, dir, step);
    result.bundles++;
  } else {
    if (await syncWithFaults(d, rng)) result.kills++;
    result.syncs++;
  }
}

/** The hub's conflicts in the same form as a device's. */
export async function hubConflictKeys(hub: TestHub): Promise<string[]> {
  const rows = await hub.db.all<{ entity: string; entity_id: string; heads: string }>('SELECT entity, entity_id, heads FROM records WHERE conflicted = 1');
  const keys: string[] = [];
  for (const r of rows) {
    const heads = JSON.parse(r.heads) as FieldHeads;
    for (const f of conflictedFields(heads)) keys.push(`${r.entity}/${r.entity_id}/${f}:${heads[f].map((h) => h.h).sort().join(',')}`);
  }
  return keys.sort();
}

/**
 * One seeded run: a hub and three laptops editing the same records with skewed clocks, syncing with
 * kills at every step, lost and repeated requests, bundles imported twice, truncated or out of
 * order; then every laptop syncs until quiet and the invariants are checked.
 */
export async function runWorld(seed: number, kind: 'sqlite' | 'pg' = 'sqlite', steps = 40, opts: { processes?: number } = {}): Promise<WorldResult> {
  const rng = seededRandom(seed);
  const tStart = performance.now();
  // Several hub processes on one PostgreSQL (issue 21): each laptop goes to one or the other at each step.
  const hub = opts.processes ? await startHubProcesses(opts.processes) : await startHub(kind);
  const urls: string[] = 'urls' in hub ? (hub as { urls: string[] }).urls : [hub.url];
  const anyHub = (d: Device) => { if (urls.length > 1) writeSyncState(d.wb.store.db, { hubUrl: rng.pick(urls) }); };
  const work = tempDir();
  const devices: Device[] = [];
  for (const [i, user] of ['admin', 'wang', 'li'].entries()) {
    const wb = await enrolledLaptop(hub, user, { role: user === 'li' ? 'bureau' : 'inspector' });
    devices.push({ name: `d${i}`, user, dir: wb.dataDir, wb });
  }
  const t0 = performance.now();
  if (process.env.SYNC_TIMING) console.log(`hub+devices ${(t0 - tStart).toFixed(0)}`);
  seedCounty(devices[0].wb, rng);
  await syncNow(devices[0].wb.ctx);
  const result: WorldResult = { seed, steps, kills: 0, syncs: 0, bundles: 0, conflicts: 0, problems: [] };
  for (let step = 0; step < steps; step++) {
    const d = rng.pick(devices);
    const roll = rng.next();
    const ids = liveEnterprises(d.wb);
    if (roll < 0.4 && ids.length) {
      const id = rng.pick(ids);
      const field = rng.pick(FIELDS);
      await withSkew(rng.pick(SKEWS), () => d.wb.store.write(ENTERPRISE, id, { [field]: `${d.name}-${step}` }, 'system'));
    } else if (roll < 0.47 && ids.length > 2) {
      d.wb.store.write(ENTERPRISE, rng.pick(ids), { deletedAt: new Date().toISOString() }, 'system');
    } else if (roll < 0.52 && d.wb.store.db.prepare("SELECT count(*) FROM regions WHERE level = 'town'").pluck().get() === 2) {
      newEnterprise(d.wb, rng, `${d.name}-${step}`);
    } else if (roll < 0.58) {
      const size = rng.chance(0.15) ? 4 * 1024 * 1024 + rng.int(1, 5000) : rng.int(10, 5000);
      const bytes = jpegBytes(Buffer.alloc(size, `${seed}-${step}-`));
      const hash = putBlob(d.wb.store.db, d.wb.store.blobDir, bytes, 'image/jpeg');
      d.wb.store.write(RECORD_EVENT, rng.uuid(Date.now()), { stream: 'finding', streamId: 'f-1', kind: 'note', hlc: d.wb.store.clock.next(), author: 'system', at: '2026-11-29', text: '现场照片', data: {}, blobs: [hash] }, 'system');
    } else {
      anyHub(d);
      await travel(hub, d, rng, work, step, result, roll < 0.63);
    }
  }
  const t1 = performance.now();
  for (let round = 0; round < 3; round++) for (const d of devices) { anyHub(d); await syncNow(d.wb.ctx); }
  if (process.env.SYNC_TIMING) console.log(`setup+ops ${(t1 - t0).toFixed(0)} quiesce ${(performance.now() - t1).toFixed(0)}`);

  const check = (ok: boolean, what: string) => { if (!ok) result.problems.push(what); };
  const hashes = devices.map((d) => stateHash(d.wb));
  check(new Set(hashes).size === 1, `replicas differ: ${hashes.map((h) => h.slice(0, 8)).join(' ')}`);
  const conflicts = devices.map((d) => conflictKeys(d.wb).join('\n'));
  check(new Set(conflicts).size === 1, 'devices show different conflicts');
  if (process.env.SYNC_DUMP && new Set(hashes).size > 1) {
    const rows = devices.map((d) => new Map((d.wb.store.db.prepare('SELECT id, name, address, note, contact_name, contact_phone, deleted_at FROM enterprises').all() as { id: string }[]).map((r) => [r.id, JSON.stringify(r)])));
    for (const [id, v] of rows[0]) if (rows.some((m) => m.get(id) !== v)) {
      console.log('rowdiff', id, rows.map((m) => m.get(id)).join('\n'));
      for (const d of devices) for (const r of d.wb.store.db.prepare('SELECT seq, hlc, fields, base, nseq, hub_seq FROM changes WHERE entity_id = ? ORDER BY seq').all(id) as { seq: number; hlc: string; fields: string; base: string; nseq: number; hub_seq: number }[]) console.log(d.name, d.wb.store.nodeId, r.seq, r.hlc, r.fields.slice(0, 80), r.base.slice(0, 300), r.nseq, r.hub_seq);
      break;
    }
  }
  if (process.env.SYNC_DUMP && new Set(conflicts).size > 1) {
    const all = conflicts.map((c) => new Set(c.split('\n')));
    const odd = [...all[0], ...all[1], ...all[2]].find((k) => !all.every((x) => x.has(k)))!;
    const id = odd.split('/')[1];
    console.log('record', odd);
    for (const r of await hub.db.all<{ hub_seq: number; hlc: string; fields: string; base: string }>('SELECT hub_seq, hlc, fields, base FROM changes WHERE entity_id = $1 ORDER BY hub_seq', [id])) console.log('hub', r.hub_seq, r.hlc, Object.keys(JSON.parse(r.fields)).join(','), r.base);
    for (const d of devices) for (const r of d.wb.store.db.prepare('SELECT seq, hlc, fields, base, nseq, hub_seq FROM changes WHERE entity_id = ? ORDER BY seq').all(id) as { seq: number; hlc: string; fields: string; base: string; nseq: number; hub_seq: number }[]) console.log(d.name, d.wb.store.nodeId, r.seq, r.hlc, Object.keys(JSON.parse(r.fields)).join(','), r.base, r.nseq, r.hub_seq);
  }
  if (process.env.SYNC_TIMING && new Set(conflicts).size > 1) { console.log(conflicts.join('\n----\n')); console.log('hub:\n' + (await hubConflictKeys(hub)).join('\n')); }
  check(conflicts[0] === (await hubConflictKeys(hub)).join('\n'), 'the hub shows different conflicts than the devices');
  result.conflicts = conflictKeys(devices[0].wb).length;
  const blobs = new HubBlobs(await currentBlobStore(hub.dir, hub.db), hub.db);
  for (const d of devices) {
    const node = d.wb.store.nodeId;
    const own = d.wb.store.db.prepare('SELECT count(*) FROM changes WHERE node = ?').pluck().get(node) as number;
    const unsent = d.wb.store.db.prepare('SELECT count(*) FROM changes WHERE node = ? AND sent = 0').pluck().get(node) as number;
    const atHub = ((await hub.db.one<{ n: number }>('SELECT count(*) AS n FROM changes WHERE node = $1', [node]))?.n ?? 0)
      + ((await hub.db.one<{ n: number }>('SELECT count(*) AS n FROM quarantine WHERE node = $1', [node]))?.n ?? 0);
    check(unsent === 0 && Number(atHub) === own, `${d.name}: ${own} changes, ${Number(atHub)} at the hub, ${unsent} unsent`);
    const refused = d.wb.store.db.prepare('SELECT count(*) FROM sync_rejects').pluck().get() as number;
    check(refused === 0, `${d.name}: ${refused} changes refused`);
    const pending = d.wb.store.db.prepare('SELECT count(*) FROM blobs WHERE size < 0').pluck().get() as number;
    check(pending === 0, `${d.name}: ${pending} blobs still pending`);
  }
  const refs = await hub.db.all<{ entity: string; fields: string }>("SELECT entity, fields FROM changes WHERE entity = 'record_event'");
  for (const r of refs) {
    for (const hash of blobRefs(r.entity, JSON.parse(r.fields))) {
      const bytes = await blobs.whole(hash);
      check(bytes !== null && createHash('sha256').update(bytes).digest('hex') === hash, `blob ${hash.slice(0, 8)} missing or corrupt at the hub`);
      for (const d of devices) {
        const row = d.wb.store.db.prepare('SELECT size FROM blobs WHERE sha256 = ?').pluck().get(hash);
        check(row !== undefined && (row as number) >= 0, `${d.name} lacks blob ${hash.slice(0, 8)}`);
      }
    }
  }
  for (const d of devices) d.wb.close();
  await hub.close();
  return result;
}
