import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Workbench } from '../../electron/core/workbench';
import { seededRandom } from '../../electron/services/demo/random';
import { syncNow } from '../../electron/services/sync';
import { putBlob } from '../../electron/store/blob-store';
import { ENTERPRISE, RECORD_EVENT } from '../../electron/store/entities';
import type { HubDb } from '../../hub/db/hub-db';
import { buildHub } from '../../hub/routes/server';
import { backupHub, restoreHub } from '../../hub/services/backup';
import { currentBlobStore } from '../../hub/services/blob-choice';
import { openHubDb } from '../../hub/services/open-hub';
import { jpegBytes } from '../fixtures/evidence-bytes';
import { tempDir } from './helpers';
import { deviceIdOf, enrolledLaptop, freshPg, PASSWORD, stateHash, type TestHub } from './sync-helpers';
import { exportHubBundle, importHubBundle } from '../../hub/services/bundles';
import { exportDeviceBundle, importDeviceBundle } from '../../electron/services/sync/bundle';
import { withFreshChallenge } from '../../electron/services/sync/session';
import { HubClient } from '../../electron/services/sync/hub-client';
import { signWith } from '../../electron/services/sync/device-key';
import { readSyncState } from '../../electron/store/sync-state';
import { addUser } from '../../hub/services/users';
import { liveEnterprises, newEnterprise, seedCounty } from './sync-world';

/*
 * Issue 21: a hub put back from a backup starts a new epoch. Laptops that synced after the backup were
 * told their changes were acknowledged and moved their cursors past the restored sequence; at their next
 * sync they see the new epoch, send their own changes again from where the restored hub holds them and
 * pull again from the restore point — so nothing acknowledged after the backup is lost and every laptop
 * ends equal. Checked on SQLite and PostgreSQL, with a photo uploaded after the backup.
 */

const BIN = join(__dirname, '..', '..', 'bin', 'qingshui.cjs');
const PG = !!process.env.QINGSHUI_TEST_PG;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => { for (const stop of stops.splice(0).reverse()) await stop(); });

/** A hub served on a loopback port (the same port again after a restore, so the laptops find it). */
async function serve(dir: string, database: string | undefined, port = 0): Promise<TestHub & { port: number }> {
  const db: HubDb = await openHubDb(dir, database);
  const app = await buildHub(db, dir, pino({ level: 'warn' }, pino.destination({ dest: join(dir, 'hub.log'), sync: true })));
  const url = await app.listen({ host: '127.0.0.1', port });
  if (!(await db.one("SELECT 1 FROM users WHERE name = 'admin'"))) await addUser(db, { name: 'admin', role: 'admin', towns: [], password: PASSWORD });
  let closed = false;
  const close = async () => { if (!closed) { closed = true; await app.close(); await db.close(); } };
  stops.push(close);
  return { url, db, dir, kind: database ? 'pg' : 'sqlite', close, port: Number(new URL(url).port) };
}

/** A signed-in client for a laptop's device that follows nothing (what an old program or one mid-sync would send). */
async function rawSession(wb: Workbench): Promise<HubClient> {
  const s = readSyncState(wb.store.db);
  const client = HubClient.of(s.hubUrl!, s.hubFingerprint);
  const t = await withFreshChallenge(client, (challenge) => client.request<{ token: string }>('POST', '/v1/token', { deviceId: s.deviceId, challenge, signature: signWith(s.privateKey!, challenge) }));
  client.token = t.token;
  return client;
}

function edit(wb: Workbench, tag: string): void {
  const ids = liveEnterprises(wb);
  wb.store.write(ENTERPRISE, ids[tag.length % ids.length], { note: `note ${tag}` }, 'system');
  newEnterprise(wb, seededRandom(tag.length * 7 + tag.charCodeAt(0)), tag);
}

/** How many changes of each node the hub holds, and whether each node's numbers run 1…n without a gap or a repeat. */
async function hubNodes(db: HubDb): Promise<Map<string, { count: number; contiguous: boolean }>> {
  const rows = await db.all<{ node: string; n: number; lo: number; hi: number }>('SELECT node, count(*) AS n, min(nseq) AS lo, max(nseq) AS hi FROM changes GROUP BY node');
  return new Map(rows.map((r) => [r.node, { count: Number(r.n), contiguous: Number(r.lo) === 1 && Number(r.hi) === Number(r.n) }]));
}

const ownChanges = (wb: Workbench) => wb.store.db.prepare('SELECT count(*) FROM changes WHERE node = ?').pluck().get(wb.store.nodeId) as number;

const KINDS: ('sqlite' | 'pg')[] = PG ? ['sqlite', 'pg'] : ['sqlite'];

describe.each(KINDS)('a hub restored from a backup (%s, issue 21)', (kind) => {
  it('back up, sync more from three laptops, restore: every change reaches the hub again and every laptop ends equal', async () => {
    const dir = tempDir();
    const pgdb = kind === 'pg' ? await freshPg() : null;
    if (pgdb) stops.push(pgdb.drop);
    let hub = await serve(dir, pgdb?.url);
    const laptops: Workbench[] = [];
    for (const user of ['admin', 'wang', 'li']) laptops.push(await enrolledLaptop(hub, user, { role: user === 'li' ? 'bureau' : 'inspector' }));
    seedCounty(laptops[0], seededRandom(1));
    for (let round = 0; round < 2; round++) for (const wb of laptops) await syncNow(wb.ctx);
    laptops.forEach((wb, i) => edit(wb, `before-${i}`));
    for (let round = 0; round < 2; round++) for (const wb of laptops) await syncNow(wb.ctx);

    const backup = join(tempDir(), 'hub-backup');
    const manifest = await backupHub(dir, hub.db, backup);
    expect(manifest).toMatchObject({ database: kind, epoch: { n: 1 } });

    // After the backup: more work, synced and acknowledged (and pulled by the others), and a photo.
    laptops.forEach((wb, i) => edit(wb, `after-${i}-x`));
    const photo = putBlob(laptops[1].store.db, laptops[1].store.blobDir, jpegBytes(Buffer.alloc(3000, 'after-backup')), 'image/jpeg');
    laptops[1].store.write(RECORD_EVENT, 'ev-after-backup', { stream: 'finding', streamId: 'f-1', kind: 'note', hlc: laptops[1].store.clock.next(), author: 'system', at: '2026-12-01', text: '备份之后的照片', data: {}, blobs: [photo] }, 'system');
    for (const wb of laptops) await syncNow(wb.ctx);
    laptops.forEach((wb, i) => edit(wb, `after-${i}-yy`));
    for (const wb of laptops) await syncNow(wb.ctx);
    // A return bundle for laptop 2 made now, before the hub is lost: after the restore it is stale.
    const staleBundle = join(tempDir(), 'stale.qsync');
    await exportHubBundle(hub.db, dir, await deviceIdOf(hub, 'li'), staleBundle);
    const acknowledged = laptops.map(ownChanges);

    // The hub is lost and put back from the backup, on the same address.
    const port = hub.port;
    await hub.close();
    const restored = await restoreHub(dir, pgdb?.url, backup);
    expect(restored.epoch).toMatchObject({ n: 2, restoredFrom: restored.hubSeq });
    expect(restored.hubSeq).toBe(manifest.hubSeq);
    hub = await serve(dir, pgdb?.url, port);

    // Asked in the old epoch (a laptop mid-sync across the restore), or by a program too old to say one: refused.
    const session = await rawSession(laptops[0]);
    await expect(session.request('GET', `/v1/pull?after=0&epoch=${manifest.epoch.id}`)).rejects.toThrow(/同步中心已从备份恢复（第 2 纪元）：请重新同步/);
    await expect(session.request('GET', '/v1/pull?after=0')).rejects.toThrow(/版本过旧/);
    const first = [];
    for (const wb of laptops.slice(0, 2)) first.push(await syncNow(wb.ctx));
    for (const r of first) expect(r.restart).toMatchObject({ epoch: 2 });
    expect(first.map((r) => r.restart!.resent).every((n) => n > 0)).toBe(true);

    // Laptop 2 goes by USB stick: its bundle made without knowing of the restore lacks what must be sent again, and is refused saying so.
    const usb = laptops[2];
    edit(usb, 'usb-after-restore');
    acknowledged[2] = ownChanges(usb);
    const up1 = join(tempDir(), 'up1.qsync');
    exportDeviceBundle(usb.store, up1);
    await expect(importHubBundle(hub.db, dir, up1)).rejects.toThrow(/同步包生成于同步中心从备份恢复之前（第 1 纪元，现为第 2 纪元）/);
    // The hub's return bundle tells it of the restore; its next bundle carries everything from the restore point.
    const down = join(tempDir(), 'down.qsync');
    await exportHubBundle(hub.db, dir, await deviceIdOf(hub, 'li'), down);
    importDeviceBundle(usb.store, down);
    expect(() => importDeviceBundle(usb.store, staleBundle)).toThrow(/同步包生成于同步中心从备份恢复之前（第 1 纪元，本机已到第 2 纪元），已作废/);
    const up2 = join(tempDir(), 'up2.qsync');
    exportDeviceBundle(usb.store, up2);
    const taken = await importHubBundle(hub.db, dir, up2);
    expect(taken.applied).toBeGreaterThan(1);
    for (let round = 0; round < 2; round++) for (const wb of laptops) await syncNow(wb.ctx);
    const nodes = await hubNodes(hub.db);
    laptops.forEach((wb, i) => {
      expect(nodes.get(wb.store.nodeId), `laptop ${i}`).toEqual({ count: acknowledged[i], contiguous: true });
    });
    expect(new Set(laptops.map(stateHash)).size).toBe(1);
    expect(await (await currentBlobStore(dir, hub.db)).hasWhole(photo)).toBe(true);
    expect(laptops[2].store.db.prepare("SELECT text FROM record_events WHERE id = 'ev-after-backup'").pluck().get()).toBe('备份之后的照片');
    // A sync after that is quiet: no epoch to follow again.
    expect((await syncNow(laptops[0].ctx)).restart).toBeNull();
  });
});

describe('qingshui hub backup / restore from the command line (issue 21)', () => {
  it('backs up a serving hub; refuses a folder that is not a backup, and a backup into a non-empty folder', async () => {
    const dir = tempDir();
    const hub = await serve(dir, undefined);
    const wb = await enrolledLaptop(hub, 'admin');
    seedCounty(wb, seededRandom(2));
    await syncNow(wb.ctx);
    const out = join(tempDir(), 'b');
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'hub', ...args], { encoding: 'utf8' });
    const made = run('backup', '--data', dir, '--out', out, '--json');
    expect(made.stderr).toBe('');
    expect(JSON.parse(made.stdout)).toMatchObject({ format: 'qingshui-hub-backup-v1', database: 'sqlite', epoch: { n: 1 } });
    expect(run('backup', '--data', dir, '--out', out).stderr).toMatch(/备份文件夹“.*”不是空的/);
    const junk = tempDir();
    writeFileSync(join(junk, 'hub.db'), 'not a database');
    expect(run('restore', junk, '--data', tempDir()).stderr).toMatch(/不是完整的同步中心备份/);
    // A PostgreSQL backup is not put into a SQLite hub (and the other way round).
    expect(run('restore', out, '--data', tempDir(), '--database', 'postgres://x@127.0.0.1:1/x').stderr).toMatch(/备份来自 SQLite 的同步中心，不能恢复到 PostgreSQL/);
  });
});
