import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hubKeys, KEY_FILE } from '../../hub/services/keys';
import { openSqliteHub } from '../../hub/db/sqlite';
import { tempDir } from '../integration/helpers';
import { BIN } from '../integration/web-helpers';
import { DEMO_ENV } from '../integration/cli-env';

const run = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...DEMO_ENV, ...env } });
const mode = (path: string) => statSync(path).mode & 0o777;

describe('what is kept on disk is its owner’s only', () => {
  it('the workspace, its photos, the hub’s database, keys and log are 0600 in 0700 folders; the hub’s secrets are not in its database', async () => {
    const laptop = join(tempDir(), 'ws');
    expect(run(['demo', '--data', laptop, '--inspections', '3']).status).toBe(0);
    expect(mode(laptop)).toBe(0o700);
    expect(mode(join(laptop, 'workspace.qingshui'))).toBe(0o600);
    const blobs = join(laptop, 'workspace.qingshui.blobs');
    const shard = readdirSync(blobs)[0];
    expect(mode(join(blobs, shard))).toBe(0o700);
    expect(mode(join(blobs, shard, readdirSync(join(blobs, shard))[0]))).toBe(0o600);

    const hubDir = join(tempDir(), 'hub');
    expect(run(['hub', 'user', 'add', 'admin', '--role', 'admin', '--data', hubDir], { QINGSHUI_PASSWORD: 'hub-secret-1' }).status).toBe(0);
    const child = spawn(process.execPath, [BIN, 'hub', 'start', '--data', hubDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', ok));
    } finally {
      child.kill('SIGTERM');
      await new Promise((ok) => child.once('exit', ok));
    }
    expect(mode(hubDir)).toBe(0o700);
    for (const f of ['hub.db', 'hub.log', KEY_FILE]) expect(mode(join(hubDir, f)), f).toBe(0o600);
    const db = openSqliteHub(hubDir);
    const meta = JSON.parse((await db.one<{ value: string }>("SELECT value FROM hub_meta WHERE key = 'keys'"))!.value);
    expect(Object.keys(meta).sort()).toEqual(['hubId', 'publicKey']);
    await db.close();
  }, 90_000);

  it('an older hub’s secrets are moved out of its database into the key file on start', async () => {
    const dir = tempDir();
    const db = openSqliteHub(dir);
    const { generateKeyPairSync, randomBytes } = await import('node:crypto');
    const pair = generateKeyPairSync('ed25519');
    const old = { hubId: 'hub-0ld', publicKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'), secret: randomBytes(32).toString('base64') };
    await db.run("INSERT INTO hub_meta (key, value) VALUES ('keys', $1)", [JSON.stringify(old)]);
    const keys = await hubKeys(dir, db);
    expect(keys).toMatchObject({ hubId: 'hub-0ld', privateKey: old.privateKey });
    expect((await db.one<{ value: string }>("SELECT value FROM hub_meta WHERE key = 'keys'"))!.value).not.toContain(old.privateKey);
    expect(mode(join(dir, KEY_FILE))).toBe(0o600);
    await db.close();
  });

  it('a demo killed half-way leaves no half-built workspace, and a re-run builds it', async () => {
    const dir = join(tempDir(), 'ws');
    const child = spawn(process.execPath, [BIN, 'demo', '--data', dir, '--inspections', '1500'], { stdio: 'ignore' });
    const exited = new Promise((ok) => child.once('exit', ok));
    await new Promise((ok) => setTimeout(ok, 2500));
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(join(dir, 'workspace.qingshui'))).toBe(false);
    const again = run(['demo', '--data', dir, '--inspections', '3', '--json']);
    expect(again.status).toBe(0);
    expect(JSON.parse(run(['stats', '--data', dir, '--json']).stdout).enterprises).toBe(400);
    expect(existsSync(join(dir, '.demo-staging'))).toBe(false);
  }, 90_000);

  it('a bundle exported to a folder that does not exist says so in Chinese', () => {
    const dir = join(tempDir(), 'ws');
    expect(run(['init', '--data', dir, '--bureau', '清水县生态环境局', '--county-code', '360799', '--county-name', '清水县']).status).toBe(0);
    const r = run(['bundle', 'export', '--data', dir, '--out', join(dir, 'no', 'such', 'x.qsync')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/文件夹“.*”不存在/);
  });
});
