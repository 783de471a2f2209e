import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../electron/services/demo/random';
import { syncNow } from '../../electron/services/sync';
import { enroll } from '../../electron/services/sync/enroll';
import { hubLog, pruneLogs } from '../../hub/services/hub-log';
import { openWorkbench, tempDir } from './helpers';
import { seedCounty } from './sync-world';

/*
 * Issue 21, operating a hub: `GET /metrics` in Prometheus's text format (answered on this machine or
 * with the scrape token, refused through a proxy), `qingshui hub status`, the log rotated and kept at
 * least six months, and a restore refused while the hub runs.
 */

const BIN = join(__dirname, '..', '..', 'bin', 'qingshui.cjs');
const children: ChildProcess[] = [];
afterEach(() => { for (const c of children.splice(0)) c.kill('SIGTERM'); });

const run = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [BIN, 'hub', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

async function startHub(dir: string, env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, 'hub', 'start', '--data', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  children.push(child);
  const line = await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', ok));
  return { url: /(http:\/\/\S+?)（/.exec(line)![1], child };
}

describe('operating a hub (issue 21)', () => {
  it('serves /metrics to this machine and to a scraper with the token; hub status names the epoch and each laptop’s lag; a restore waits for the hub to stop', async () => {
    const dir = tempDir();
    expect(run(['user', 'add', 'admin', '--role', 'admin', '--data', dir], { QINGSHUI_PASSWORD: 'ops-secret-1' }).status).toBe(0);
    const { url, child } = await startHub(dir, { QINGSHUI_HUB_METRICS_TOKEN: 'scrape-token-123' });
    const laptop = openWorkbench(tempDir(), 'system');
    await enroll(laptop.store, url, 'admin', 'ops-secret-1');
    seedCounty(laptop, seededRandom(3));
    const synced = await syncNow(laptop.ctx);

    const text = await (await fetch(new URL('/metrics', url))).text();
    expect(text).toMatch(/^qingshui_hub_requests_total\{method="POST",route="\/v1\/push",status="200"\} 1$/m);
    expect(text).toMatch(new RegExp(`^qingshui_hub_changes_ingested_total\\{status="applied"\\} ${synced.pushed}$`, 'm'));
    expect(text).toMatch(/^qingshui_hub_request_duration_seconds_bucket\{le="0.5",method="POST",route="\/v1\/push"\} 1$/m);
    expect(text).toMatch(/^qingshui_hub_pull_lag\{device="[^"]+",user="admin"\} \d+$/m);
    expect(text).toMatch(/^qingshui_hub_epoch 1$/m);
    expect(text).toMatch(/^qingshui_hub_quarantine_size 0$/m);
    expect(text).toMatch(/^qingshui_hub_blob_store_bytes \d+$/m);
    expect(text).toMatch(/^qingshui_hub_process_resident_memory_bytes \d+/m);
    // Through a proxy on this machine: from elsewhere, so the token is asked for.
    const proxied = await fetch(new URL('/metrics', url), { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.status).toBe(403);
    expect((await proxied.json()).message).toMatch(/监控指标只对本机开放.*QINGSHUI_HUB_METRICS_TOKEN/);
    const wrong = await fetch(new URL('/metrics', url), { headers: { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer scrape-token-12' } });
    expect(wrong.status).toBe(403);
    const scraped = await fetch(new URL('/metrics', url), { headers: { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer scrape-token-123' } });
    expect(scraped.status).toBe(200);

    const status = JSON.parse(run(['status', '--data', dir, '--json']).stdout);
    expect(status).toMatchObject({ database: 'sqlite', epoch: { n: 1, restoredFrom: null }, runningPid: child.pid, quarantined: 0, lastBackupAt: null });
    expect(status.hubSeq).toBe(synced.pushed);
    expect(status.lag).toEqual([expect.objectContaining({ user: 'admin', behind: 0 })]);
    expect(run(['status', '--data', dir]).stdout).toMatch(/第 1 纪元；最近一次备份：无\n同步序号 \d+/);

    const backup = join(tempDir(), 'b');
    expect(run(['backup', '--data', dir, '--out', backup]).status).toBe(0);
    expect(JSON.parse(run(['status', '--data', dir, '--json']).stdout).lastBackupAt).toBeTruthy();
    // A second process on the same folder is refused; several processes each have their own folder.
    const second = spawnSync(process.execPath, [BIN, 'hub', 'start', '--data', dir, '--port', '0'], { encoding: 'utf8', timeout: 20_000 });
    expect(second.stderr).toMatch(new RegExp(`同步中心已在运行（进程 ${child.pid}`));
    const refused = run(['restore', backup, '--data', dir]);
    expect(refused.stderr).toMatch(new RegExp(`同步中心正在运行（进程 ${child.pid}）：请先停止它`));
    child.kill('SIGTERM');
    await new Promise((ok) => child.once('exit', ok));
    expect(run(['restore', backup, '--data', dir]).stdout).toMatch(/第 2 纪元开始/);
    // A restore cut short leaves its marker: the hub will not start on a half-restored folder.
    writeFileSync(join(dir, 'hub.restoring'), '2026-12-05T00:00:00Z /backup/x\n');
    expect(run(['start', '--data', dir, '--port', '0']).stderr).toMatch(/上次从备份恢复未完成/);
    laptop.close();
  });

  it('rotates the log past its size, gzips the rotated file, deletes rotated logs older than the days kept, and keeps six months at least', async () => {
    const dir = tempDir();
    const { log, close } = hubLog(dir, { maxMb: 1, keepDays: 180 });
    for (let i = 0; i < 6000; i++) log.info({ i, pad: 'x'.repeat(300) }, 'line');
    await new Promise((ok) => setTimeout(ok, 1500));
    await close();
    const names = readdirSync(dir);
    expect(names).toContain('hub.log');
    expect(names.some((n) => /^hub-\d{8}-\d{6}-\d+\.log\.gz$/.test(n))).toBe(true);
    const old = join(dir, 'hub-20250101-000000-1.log.gz');
    writeFileSync(old, 'old');
    utimesSync(old, new Date('2025-01-01'), new Date('2025-01-01'));
    expect(pruneLogs(dir, 180)).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(run(['start', '--data', tempDir(), '--port', '0', '--log-keep-days', '30']).stderr).toMatch(/--log-keep-days 应为 180–3650 的整数（网络安全法第二十一条/);
  });
});
