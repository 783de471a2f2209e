import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { syncNow } from '../../electron/services/sync';
import { exportDeviceBundle, importDeviceBundle } from '../../electron/services/sync/bundle';
import { connectWith } from '../../electron/services/sync/session';
import { HubClient } from '../../electron/services/sync/hub-client';
import { putBlob } from '../../electron/store/blob-store';
import { ENTERPRISE, REGION } from '../../electron/store/entities';
import { writeSyncState } from '../../electron/store/sync-state';
import Database from 'better-sqlite3';
import { importHubBundle, exportHubBundle } from '../../hub/services/bundles';
import { schemaSql } from '../../hub/db/hub-db';
import { openSqliteHub } from '../../hub/db/sqlite';
import { tempDir } from './helpers';
import { deviceIdOf, enrolledLaptop, startHub } from './sync-helpers';
import { jpegBytes } from '../fixtures/evidence-bytes';
import { DEMO_ENV } from './cli-env';

const BIN = join(process.cwd(), 'bin', 'qingshui.cjs');

async function raw(url: string, path: string, init: RequestInit = {}) {
  const res = await fetch(new URL(path, url), init);
  return { status: res.status, body: (await res.json()) as { code: string; message: string } };
}

describe('a hub database made by an earlier release', () => {
  it('gains the columns added since when the hub opens it, keeping what it holds', async () => {
    const dir = tempDir();
    const old = new Database(join(dir, 'hub.db'));
    old.exec(schemaSql('INTEGER', 'BLOB').replace(', prev_town TEXT', ''));
    old.prepare("INSERT INTO node_seqs (node, last_nseq) VALUES ('n1', 7)").run();
    old.close();
    const db = openSqliteHub(dir);
    try {
      expect(await db.all('SELECT name FROM pragma_table_info($1) WHERE name = $2', ['changes', 'prev_town'])).toHaveLength(1);
      expect(await db.one('SELECT last_nseq FROM node_seqs WHERE node = $1', ['n1'])).toEqual({ last_nseq: 7 });
    } finally {
      await db.close();
    }
  });
});

describe('the hub refuses bad input with a reason and applies nothing', () => {
  it('malformed requests, an unknown protocol version, a forged token, a chunk or a blob that does not match its hash', async () => {
    const hub = await startHub();
    const a = await enrolledLaptop(hub);
    const client = new HubClient(hub.url);
    await connectWith(a.store, client);
    const auth = { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' };

    const bad = await raw(hub.url, '/v1/push', { method: 'POST', headers: auth, body: JSON.stringify({ protocol: 1, lastNseq: 0, changes: [{ cid: 'x' }] }) });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('malformed');
    expect(bad.body.message).toContain('请求格式不对');
    const notJson = await raw(hub.url, '/v1/push', { method: 'POST', headers: auth, body: '{"protocol":' });
    expect(notJson.status).toBe(400);
    const newer = await raw(hub.url, '/v1/pull?after=0', { headers: { ...auth, 'x-qingshui-protocol': '99' } });
    expect(newer.status).toBe(426);
    expect(newer.body.message).toContain('请升级清水工作台');
    const forged = await raw(hub.url, '/v1/pull?after=0', { headers: { authorization: `Bearer ${client.token!.slice(0, -3)}abc` } });
    expect(forged).toMatchObject({ status: 401, body: { code: 'token' } });
    const foreign = await raw(hub.url, '/v1/push', { method: 'POST', headers: auth, body: JSON.stringify({ protocol: 1, lastNseq: 1, changes: [{ cid: 'nother:1', node: 'nother', nseq: 1, entity: 'enterprise', entityId: 'e1', hlc: '000000000001-0000-nother', author: 'x', fields: {}, base: {} }] }) });
    expect(foreign).toMatchObject({ status: 400, body: { code: 'foreign_node' } });
    const gap = await raw(hub.url, '/v1/push', { method: 'POST', headers: auth, body: JSON.stringify({ protocol: 1, lastNseq: 900, changes: [{ cid: `${a.store.nodeId}:900`, node: a.store.nodeId, nseq: 900, entity: 'enterprise', entityId: 'e1', hlc: `000000000001-0000-${a.store.nodeId}`, author: 'x', fields: {}, base: {} }] }) });
    expect(gap).toMatchObject({ status: 409, body: { code: 'gap' } });

    const bytes = jpegBytes('照片的字节');
    const hash = createHash('sha256').update(bytes).digest('hex');
    const wrongChunk = await raw(hub.url, `/v1/blobs/${hash}/chunks/0`, { method: 'PUT', headers: { authorization: auth.authorization, 'content-type': 'application/octet-stream', 'x-chunk-sha256': '0'.repeat(64) }, body: new Uint8Array(bytes) });
    expect(wrongChunk).toMatchObject({ status: 422, body: { code: 'chunk_hash' } });
    const other = jpegBytes('另一张照片');
    const otherHash = createHash('sha256').update(other).digest('hex');
    await client.request('PUT', `/v1/blobs/${hash}/chunks/0`, undefined, { bytes: other, headers: { 'x-chunk-sha256': otherHash } });
    await expect(client.request('POST', `/v1/blobs/${hash}/complete`, { size: other.length, mime: 'image/jpeg', chunks: [otherHash] })).rejects.toThrow(/不符，已丢弃/);
    expect((await client.request<{ state: string }>('GET', `/v1/blobs/${hash}`)).state).toBe('absent');
    const log = readFileSync(join(hub.dir, 'hub.log'), 'utf8');
    for (const code of ['malformed', 'protocol', 'token', 'gap', 'chunk_hash', 'blob_hash']) expect(log).toContain(`"code":"${code}"`);
    expect((await hub.db.one<{ n: number }>('SELECT count(*) AS n FROM changes'))!.n).toBe(0);
  });

  it('a bundle twice, truncated, tampered, for another device, signed by an unknown key, or out of order', async () => {
    const hub = await startHub();
    const a = await enrolledLaptop(hub);
    const b = await enrolledLaptop(hub, 'wang');
    a.store.write(REGION, '360799001000', { name: '第一镇', level: 'town', parentCode: null }, 'system');
    a.store.write(ENTERPRISE, 'e-1', { name: '乙厂', uscc: '91130200699229617X', keyUnit: false, state: '正常生产', address: '', townCode: '360799001000', legalRepresentative: '', contactName: '', contactPhone: '', tags: [], note: '' }, 'system');
    putBlob(a.store.db, a.store.blobDir, jpegBytes('一张照片'), 'image/jpeg');
    const dir = tempDir();
    const up = join(dir, 'a.qsync');
    const made = exportDeviceBundle(a.store, up);
    expect(made.changes).toBeGreaterThan(0);
    const first = await importHubBundle(hub.db, hub.dir, up);
    expect(first.applied).toBe(made.changes);
    const again = await importHubBundle(hub.db, hub.dir, up);
    expect(again).toMatchObject({ applied: 0, duplicates: made.changes });

    const bytes = readFileSync(up);
    writeFileSync(join(dir, 'cut.qsync'), bytes.subarray(0, bytes.length - 100));
    await expect(importHubBundle(hub.db, hub.dir, join(dir, 'cut.qsync'))).rejects.toThrow(/已损坏或不完整/);
    const tampered = Buffer.from(bytes);
    const at = tampered.indexOf(Buffer.from('乙厂'));
    tampered.write('丙', at);
    writeFileSync(join(dir, 'tampered.qsync'), tampered);
    await expect(importHubBundle(hub.db, hub.dir, join(dir, 'tampered.qsync'))).rejects.toThrow(/已被改动|已损坏/);

    // Signed by a device the hub does not know (another hub's enrolment).
    const elsewhere = await startHub();
    const stranger = await enrolledLaptop(elsewhere);
    exportDeviceBundle(stranger.store, join(dir, 'stranger.qsync'));
    await expect(importHubBundle(hub.db, hub.dir, join(dir, 'stranger.qsync'))).rejects.toThrow(/另一个同步中心|未登记的设备/);

    const forB = join(dir, 'b.qsync');
    await exportHubBundle(hub.db, hub.dir, await deviceIdOf(hub, 'wang'), forB);
    expect(() => importDeviceBundle(a.store, forB)).toThrow(/发给另一台设备/);
    const r = importDeviceBundle(b.store, forB);
    expect(r.applied).toBeGreaterThan(0);
    expect(importDeviceBundle(b.store, forB)).toMatchObject({ applied: 0 });
    expect(b.store.db.prepare("SELECT name FROM enterprises WHERE id = 'e-1'").pluck().get()).toBe('乙厂');
    expect(b.store.db.prepare('SELECT count(*) FROM blobs WHERE size > 0').pluck().get()).toBe(0); // a blob no record refers to stays home
    await syncNow(b.ctx);
    a.store.write(ENTERPRISE, 'e-1', { note: '第二次' }, 'system');
    await syncNow(a.ctx);
    const newer = join(dir, 'b2.qsync');
    await exportHubBundle(hub.db, hub.dir, await deviceIdOf(hub, 'wang'), newer);
    writeSyncState(b.store.db, { cursor: 0 }); // as if the laptop went back to an older copy
    expect(() => importDeviceBundle(b.store, newer)).toThrow(/请先导入更早的同步包/);
    expect(b.store.db.prepare("SELECT note FROM enterprises WHERE id = 'e-1'").pluck().get()).toBe('');
  });
});

describe('the command line', () => {
  it('hub start, user add/list/set/disable/enable, enroll, sync --json, conflicts --json, bundle export/import, quarantine list/release, devices list/approve from a laptop', async () => {
    const hubDir = tempDir();
    // The demo laptop is encrypted (issue 18): its commands open it with the demo administrator's account.
    const run = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...DEMO_ENV, ...env } });
    expect(run(['hub', 'user', 'add', 'admin', '--role', 'admin', '--data', hubDir], { QINGSHUI_PASSWORD: 'cli-secret-1' }).stdout).toContain('已新建账号 admin');
    const weak = run(['hub', 'user', 'add', 'x', '--role', 'admin', '--data', hubDir], { QINGSHUI_PASSWORD: 'short' });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('密码至少 8 位');
    const town = run(['hub', 'user', 'add', 'zhou', '--role', 'town', '--data', hubDir], { QINGSHUI_PASSWORD: 'cli-secret-1' });
    expect(town.stderr).toContain('须指定负责的镇街');
    expect(run(['hub', 'user', 'add', 'zhou', '--role', 'town', '--towns', '360799001000', '--data', hubDir], { QINGSHUI_PASSWORD: 'cli-secret-1' }).status).toBe(0);
    // A password on the command line stays in the shell's history and every process listing: refused.
    const onLine = run(['hub', 'user', 'add', 'li', '--role', 'admin', '--password', 'cli-secret-1', '--data', hubDir]);
    expect([onLine.status, onLine.stderr]).toEqual([2, expect.stringContaining('不从命令行参数接收密码')]);
    const users = JSON.parse(run(['hub', 'user', 'list', '--json', '--data', hubDir]).stdout) as { users: { name: string; role: string; towns: string[] }[] };
    expect(users.users.map((u) => [u.name, u.role])).toEqual([['admin', 'admin'], ['zhou', 'town']]);
    expect(run(['hub', 'user', 'set', 'zhou', '--towns', '360799001000,360799002000', '--display', '周某', '--data', hubDir]).stdout).toContain('已修改账号 zhou（镇街工作人员，镇街 360799001000、360799002000）');
    expect(run(['hub', 'user', 'set', 'zhou', '--role', 'mayor', '--data', hubDir]).stderr).toContain('角色应为');
    expect(run(['hub', 'user', 'set', 'nobody', '--display', 'x', '--data', hubDir]).stderr).toContain('没有用户“nobody”');
    expect(run(['hub', 'user', 'disable', 'zhou', '--data', hubDir]).stdout).toContain('已停用');
    expect(run(['hub', 'user', 'enable', 'zhou', '--data', hubDir]).stdout).toContain('已重新启用账号 zhou');
    expect(run(['hub', 'user', 'disable', 'zhou', '--data', hubDir]).stdout).toContain('已停用');
    expect(run(['hub', 'user', 'add', 'wang', '--role', 'inspector', '--data', hubDir], { QINGSHUI_PASSWORD: 'cli-secret-1' }).status).toBe(0);

    const child = spawn(process.execPath, [BIN, 'hub', 'start', '--data', hubDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', ok));
      const url = /(http:\/\/\S+?)（/.exec(line)![1];
      expect(await (await fetch(new URL('/health', url))).json()).toMatchObject({ ok: true, database: 'sqlite' });
      const laptop = tempDir();
      expect(run(['demo', '--data', laptop]).status).toBe(0);
      const wrong = run(['enroll', '--data', laptop, '--hub', url, '--user', 'admin'], { QINGSHUI_PASSWORD: 'wrong-pass' });
      expect(wrong.stderr).toContain('用户名或密码不对');
      const enrolled = JSON.parse(run(['enroll', '--data', laptop, '--hub', url, '--user', 'admin', '--json'], { QINGSHUI_PASSWORD: 'cli-secret-1' }).stdout) as { state: string; node: string };
      expect(enrolled.state).toBe('approved');
      const synced = JSON.parse(run(['sync', '--data', laptop, '--json']).stdout) as Record<string, number>;
      expect(synced.pushed).toBeGreaterThan(1000);
      expect(Object.keys(synced)).toEqual(expect.arrayContaining(['pushed', 'pulled', 'quarantined', 'conflictsNoticed', 'blobsUp', 'blobsDown', 'mediaPending', 'cursor']));
      expect(JSON.parse(run(['conflicts', '--data', laptop, '--json']).stdout)).toEqual({ total: 0, conflicts: [], duplicates: [] });
      const out = join(laptop, 'x.qsync');
      expect(run(['bundle', 'export', '--data', laptop, '--out', out]).stdout).toContain('未确认的变更 0 条');
      expect(run(['hub', 'bundle', 'import', out, '--data', hubDir]).stdout).toContain('新变更 0 条');
      expect(JSON.parse(run(['hub', 'quarantine', 'list', '--json', '--data', hubDir]).stdout)).toEqual({ items: [] });
      expect(run(['hub', 'quarantine', 'release', 'abc:1', '--data', hubDir]).stderr).toContain('隔离区中没有变更 abc:1');
      // An admin's laptop approves another laptop's enrolment without a shell on the hub's server.
      const second = tempDir();
      const pending = JSON.parse(run(['enroll', '--data', second, '--hub', url, '--user', 'wang', '--json'], { QINGSHUI_PASSWORD: 'cli-secret-1' }).stdout) as { state: string; deviceId: string };
      expect(pending.state).toBe('pending');
      const listed = JSON.parse(run(['devices', '--data', laptop, '--json']).stdout) as { devices: { id: string; user: string; role: string; state: string }[] };
      expect(listed.devices.find((d) => d.id === pending.deviceId)).toMatchObject({ user: 'wang', role: 'inspector', state: 'pending' });
      expect(run(['devices', '--data', laptop]).stdout).toContain('待批准 1 台');
      expect(run(['devices', 'approve', pending.deviceId, '--data', laptop]).stdout).toContain(`设备 ${pending.deviceId}（wang`);
      expect(JSON.parse(run(['sync', '--data', second, '--json']).stdout).snapshotRecords).toBeGreaterThan(100);
      const unknown = run(['devices', 'approve', 'dev-nope', '--data', laptop]);
      expect([unknown.status, unknown.stderr]).toEqual([3, expect.stringContaining('没有设备“dev-nope”')]);
      const self = listed.devices.find((d) => d.user === 'admin')!.id;
      expect(run(['devices', 'revoke', self, '--data', laptop]).stderr).toContain('不能注销正在使用的本机');
      expect(run(['devices', '--data', second]).stderr).toContain('只有管理员能查看设备登记');
      const notABundle = run(['bundle', 'import', join(laptop, 'workspace.qingshui'), '--data', laptop]);
      expect(notABundle.stderr).toContain('同步包');
    } finally {
      child.kill('SIGTERM');
      await new Promise((ok) => child.once('exit', ok));
    }
    expect(readFileSync(join(hubDir, 'hub.log'), 'utf8')).toContain('hub stopped');
  }, 180_000); // a dozen CLI processes, a demo and two first syncs of a whole county
});
