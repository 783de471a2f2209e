import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { hubTls } from '../../hub/services/tls';
import { tempDir } from '../integration/helpers';
import { BIN } from '../integration/web-helpers';
import { DEMO_ENV } from '../integration/cli-env';

const PASSWORD = 'tls-secret-1';
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...DEMO_ENV, QINGSHUI_PASSWORD: PASSWORD } });
const hubs: ChildProcess[] = [];
afterEach(async () => { for (const h of hubs.splice(0)) { h.kill('SIGTERM'); await new Promise((ok) => h.once('exit', ok)); } });

/** A certificate and key as a bureau (or an impostor) would have them, in PEM files. */
async function certificate(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const pems = await generate([{ name: 'commonName', value: name }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' });
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}-key.pem`);
  writeFileSync(cert, pems.cert);
  writeFileSync(key, pems.private);
  return { cert, key };
}

/** `qingshui hub start` over HTTPS on loopback; its printed address and fingerprint. */
async function startHttpsHub(dir: string, tls: { cert: string; key: string }, port = 0): Promise<{ url: string; fingerprint: string }> {
  const child = spawn(process.execPath, [BIN, 'hub', 'start', '--data', dir, '--host', '127.0.0.1', '--port', String(port), '--cert', tls.cert, '--key', tls.key], { stdio: ['ignore', 'pipe', 'pipe'] });
  hubs.push(child);
  const lines = createInterface({ input: child.stdout! });
  const got: string[] = [];
  await new Promise<void>((ok) => lines.on('line', (l) => { got.push(l); if (got.length === 2) ok(); }));
  return { url: /(https:\/\/\S+?)（/.exec(got[0])![1], fingerprint: /SHA-256）：(\S+)/.exec(got[1])![1] };
}

describe('the hub over TLS, pinned by the laptops', () => {
  it('serves HTTPS with the bureau’s certificate; enrolment shows and pins its fingerprint; sync goes over it', async () => {
    const root = tempDir();
    const hubDir = join(root, 'hub');
    expect(run(['hub', 'user', 'add', 'admin', '--role', 'admin', '--data', hubDir]).status).toBe(0);
    const hub = await startHttpsHub(hubDir, await certificate(root, 'bureau'));
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+/);
    const laptop = join(root, 'laptop');
    expect(run(['demo', '--data', laptop, '--inspections', '0']).status).toBe(0);

    const wrong = run(['enroll', '--data', laptop, '--hub', hub.url, '--user', 'admin', '--fingerprint', 'AB'.repeat(32)]);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain('不符');
    const enrolled = run(['enroll', '--data', laptop, '--hub', hub.url, '--user', 'admin', '--fingerprint', hub.fingerprint.toLowerCase()]);
    expect(enrolled.status, enrolled.stderr).toBe(0);
    expect(enrolled.stdout).toContain(hub.fingerprint);
    const synced = run(['sync', '--data', laptop, '--json']);
    expect(synced.status, synced.stderr).toBe(0);
    expect(JSON.parse(synced.stdout).pushed).toBeGreaterThan(1000);
  }, 120_000);

  it('refuses a hub whose certificate changed (someone in between), and a plain http:// hub beyond this machine unless told --insecure', async () => {
    const root = tempDir();
    const hubDir = join(root, 'hub');
    expect(run(['hub', 'user', 'add', 'admin', '--role', 'admin', '--data', hubDir]).status).toBe(0);
    const first = await startHttpsHub(hubDir, await certificate(root, 'bureau'));
    const laptop = join(root, 'laptop');
    expect(run(['init', '--data', laptop, '--bureau', '清水县生态环境局', '--county-code', '360799', '--county-name', '清水县']).status).toBe(0);
    const trustOnFirstUse = run(['enroll', '--data', laptop, '--hub', first.url, '--user', 'admin']);
    expect(trustOnFirstUse.stdout).toMatch(/证书指纹.*请与同步中心管理员核对/);
    // The same address now answered with another certificate.
    const h = hubs.pop()!;
    h.kill('SIGTERM');
    await new Promise((ok) => h.once('exit', ok));
    await startHttpsHub(hubDir, await certificate(root, 'impostor'), Number(new URL(first.url).port));
    const refused = run(['sync', '--data', laptop]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/证书.*不符.*冒充/);

    const plain = run(['enroll', '--data', join(root, 'other'), '--hub', 'http://qingshui-hub.invalid:7300', '--user', 'admin']);
    expect(plain.stderr).toMatch(/不加密的 http:\/\/.*--insecure/);
  }, 120_000);

  it('a hub listening beyond this machine makes a self-signed certificate once, its key readable by its owner only', async () => {
    const dir = tempDir();
    const a = await hubTls(dir, '192.0.2.10');
    expect(a).toMatchObject({ selfSigned: true });
    expect(a!.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(statSync(join(dir, 'tls', 'hub-key.pem')).mode & 0o777).toBe(0o600);
    expect((await hubTls(dir, '192.0.2.10'))!.fingerprint).toBe(a!.fingerprint);
    expect(await hubTls(dir, '127.0.0.1')).toBeNull();
    // A certificate file that is not one, or a key without its certificate: said in Chinese, nothing served.
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, '<html>not a certificate</html>');
    await expect(hubTls(dir, '127.0.0.1', notPem, notPem)).rejects.toThrow(/无法读取（应为 PEM 格式）/);
    await expect(hubTls(dir, '127.0.0.1', notPem)).rejects.toThrow(/须同时给出/);
  });
});
