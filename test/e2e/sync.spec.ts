import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { expect, openAs, signIn, signOut, startHost, test, DEMO_ENV } from './fixtures';
import type { Page } from '@playwright/test';

const BIN = join(process.cwd(), 'bin', 'qingshui.cjs');
const PG_URL = process.env.QINGSHUI_TEST_PG ?? 'postgres://qingshui:qingshui@127.0.0.1:5432/postgres';
const PASSWORD = 'e2e-secret-1';

function cli(args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...DEMO_ENV, ...env } });
  if (r.status !== 0) throw new Error(`qingshui ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

type Hub = { url: string; args: string[]; child: ChildProcess; stop(): Promise<void> };

/** A real hub process (`qingshui hub start`) on SQLite or on a fresh PostgreSQL database, with two accounts. */
async function startHub(kind: 'sqlite' | 'pg'): Promise<Hub> {
  const dir = mkdtempSync(join(tmpdir(), 'qingshui-hub-'));
  let database: string | null = null;
  if (kind === 'pg') {
    const name = `qs_e2e_${Date.now()}`;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect(); await c.query(`CREATE DATABASE ${name}`); await c.end();
    database = PG_URL.replace(/\/[^/]*$/, `/${name}`);
  }
  const args = ['--data', dir, ...(database ? ['--database', database] : [])];
  cli(['hub', 'user', 'add', 'admin', '--role', 'admin', ...args], { QINGSHUI_PASSWORD: PASSWORD });
  cli(['hub', 'user', 'add', 'wang', '--role', 'inspector', ...args], { QINGSHUI_PASSWORD: PASSWORD });
  const child = spawn(process.execPath, [BIN, 'hub', 'start', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', ok));
  const url = /(http:\/\/\S+?)（/.exec(line)![1];
  return {
    url, args, child,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((ok) => child.once('exit', ok));
      rmSync(dir, { recursive: true, force: true });
      if (database) {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect(); await c.query(`DROP DATABASE IF EXISTS ${database.split('/').pop()} WITH (FORCE)`); await c.end();
      }
    },
  };
}

async function enrollOnScreen(page: Page, hub: Hub, user: string) {
  const form = page.getByRole('form', { name: '登记到同步中心' });
  // A plain http:// address beyond this machine is said in red, and refused until confirmed (nothing is sent).
  await form.getByLabel('同步中心地址').fill('http://sync.qingshui.invalid:7300');
  await expect(form.getByRole('alert')).toContainText('不加密的连接');
  await form.getByLabel('账号').fill(user);
  await form.getByLabel('密码').fill(PASSWORD);
  await form.getByRole('button', { name: '登记本机' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '--insecure' })).toBeVisible();
  await form.screenshot({ path: `test-results/sync-insecure-${user}.png` });
  await form.getByLabel('同步中心地址').fill(hub.url);
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByLabel('账号').fill(user);
  await form.getByLabel('密码').fill(PASSWORD);
  await form.getByRole('button', { name: '登记本机' }).click();
}

async function syncOnScreen(page: Page): Promise<string> {
  await page.getByRole('button', { name: '立即同步' }).click();
  const banner = page.getByRole('status').filter({ hasText: '同步完成' });
  // A county's first sync (thousands of changes up, then the snapshot) takes tens of seconds on two busy cores.
  await expect(banner).toBeVisible({ timeout: 90_000 });
  return (await banner.textContent())!;
}

async function setPhone(page: Page, url: string, id: string, phone: string) {
  await page.goto(`${url}#/enterprises/${id}`);
  await page.getByRole('button', { name: '编辑' }).click();
  await page.locator('input[name=contactPhone]').fill(phone);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText(phone).first()).toBeVisible();
}

for (const kind of ['sqlite', 'pg'] as const) {
  test(`two laptops and a hub on ${kind}: enrol and sync on screen, a conflict resolved side by side, a USB bundle round trip, a quarantined change released`, async ({ page, host, browser }) => {
    test.setTimeout(180_000);
    const hub = await startHub(kind);
    const dirB = mkdtempSync(join(tmpdir(), 'qingshui-e2e-b-'));
    const b = await startHost(dirB, undefined, ['--empty']);
    try {
      // Laptop A holds the county; the admin enrols it and sends it to the hub.
      await openAs(page, host, 'admin');
      await page.goto(`${host.url}#/sync`);
      await enrollOnScreen(page, hub, 'admin');
      await expect(page.getByRole('status')).toContainText('本机已登记');
      expect(await syncOnScreen(page)).toMatch(/上传变更 \d{3,} 条/);

      // Laptop B is new: nobody has an account there, so it enrols first and is approved by the admin;
      // then its people sign in with their hub accounts.
      const pageB = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
      await pageB.goto(b.url);
      await expect(pageB.getByRole('form', { name: '创建管理员' })).toBeVisible();
      await pageB.getByRole('button', { name: '本局已有同步中心？登记本机到同步中心' }).click();
      await enrollOnScreen(pageB, hub, 'wang');
      await expect(pageB.getByRole('status')).toContainText('待同步中心管理员批准');
      await pageB.getByRole('button', { name: '立即同步' }).click();
      await expect(pageB.getByRole('alert')).toContainText('尚待同步中心管理员批准');
      // The admin approves it from laptop A's 同步 page.
      await page.getByRole('button', { name: '设备管理' }).click();
      const devices = page.getByRole('region', { name: '设备管理' });
      await expect(devices).toContainText('待批准 1 台');
      await expect(devices.getByRole('row', { name: /wang/ })).toContainText('执法人员');
      await page.screenshot({ path: `test-results/sync-devices-${kind}.png`, fullPage: true });
      await devices.getByRole('button', { name: /^批准 wang/ }).click();
      await expect(page.getByRole('status')).toContainText('已批准 wang 的设备');
      await expect(devices).not.toContainText('待批准');
      // …and gives a town officer an account for one town.
      await page.getByRole('button', { name: '账号管理' }).click();
      const accounts = page.getByRole('region', { name: '账号管理' });
      await accounts.getByRole('button', { name: '新建账号' }).click();
      const form = accounts.getByRole('form', { name: '新建账号' });
      await form.locator('input[name=name]').fill('zhou');
      await form.locator('input[name=display]').fill('周镇街');
      await form.locator('select[name=role]').selectOption('town');
      await form.locator('input[name=password]').fill('town-pass-1');
      await form.getByRole('button', { name: '新建' }).click();
      await expect(page.getByRole('alert')).toContainText('须指定负责的镇街');
      await form.getByRole('group', { name: '负责镇街' }).getByRole('checkbox').first().check();
      await form.screenshot({ path: `test-results/sync-account-form-${kind}.png` });
      await form.getByRole('button', { name: '新建' }).click();
      await expect(page.getByRole('status')).toContainText('已新建账号 zhou（镇街工作人员）');
      await expect(accounts.getByRole('row', { name: /zhou/ })).toContainText('镇街工作人员');
      await page.screenshot({ path: `test-results/sync-accounts-${kind}.png`, fullPage: true });
      expect(await syncOnScreen(pageB)).toMatch(/接收变更 \d{3,} 条/);
      await pageB.screenshot({ path: `test-results/sync-first-${kind}.png`, fullPage: true });
      // wang signs in with the hub account (checked at the hub the first time, offline after).
      await signIn(pageB, 'wang', 'wrong-password-1').catch(() => undefined);
      await expect(pageB.getByRole('alert')).toContainText('用户名或密码不对');
      await signIn(pageB, 'wang', PASSWORD);
      await expect(pageB.getByTestId('current-role')).toContainText('执法人员');

      // A complaint registered on laptop B carries a provisional number until the hub gives the county's (issue 21).
      const letter = await pageB.evaluate(() => fetch('/rpc/complaints.create', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel: '来信', receivedAt: '2026-11-20T09:00', content: '河道夜间异味', categories: ['水'] }) }).then((r) => r.json()));
      expect(letter).toMatchObject({ ok: true, value: { complaint: { number: expect.stringMatching(/^临时-2026-/) } } });
      await pageB.goto(`${b.url}#/complaints/${letter.value.complaint.id}`);
      await expect(pageB.getByTestId('provisional-number')).toContainText('临时编号');
      await pageB.screenshot({ path: `test-results/sync-provisional-number-${kind}.png` });
      await pageB.goto(`${b.url}#/sync`);
      await syncOnScreen(pageB);
      await pageB.goto(`${b.url}#/complaints/${letter.value.complaint.id}`);
      await expect(pageB.getByRole('heading', { level: 1 })).toHaveText(/^信访件 2026-\d{4}$/);
      await expect(pageB.getByTestId('provisional-number')).toHaveCount(0);

      // The same field changed on both laptops: both values kept and shown side by side.
      const enterprise = JSON.parse(cli(['stats', '--data', host.dataDir, '--json'])) as { enterprises: number };
      expect(enterprise.enterprises).toBeGreaterThan(0);
      await page.goto(`${host.url}#/enterprises`);
      await page.getByRole('row').nth(1).click();
      const id = /enterprises\/([^/]+)/.exec(page.url())![1];
      await setPhone(page, host.url, id, '0797-5550001');
      await setPhone(pageB, b.url, id, '0797-5550002');
      await page.goto(`${host.url}#/sync`);
      await syncOnScreen(page);
      await pageB.goto(`${b.url}#/sync`);
      expect(await syncOnScreen(pageB)).toContain('新冲突 1 处');
      const conflict = pageB.getByRole('region', { name: '同步冲突' }).getByRole('group');
      await expect(conflict).toContainText('联系电话');
      await expect(conflict).toContainText('0797-5550001');
      await expect(conflict).toContainText('0797-5550002');
      await pageB.screenshot({ path: `test-results/sync-conflict-${kind}.png`, fullPage: true });
      await conflict.locator('.conflict-value', { hasText: '0797-5550001' }).getByRole('button', { name: '采用此值' }).click();
      await expect(pageB.getByRole('region', { name: '同步冲突' })).toContainText('没有待处理的冲突');
      await syncOnScreen(pageB);
      await page.reload();
      await syncOnScreen(page);
      await expect(page.getByRole('region', { name: '同步冲突' })).toContainText('没有待处理的冲突');
      await page.goto(`${host.url}#/enterprises/${id}`);
      await expect(page.getByText('0797-5550001').first()).toBeVisible();

      // No network at B's office: a bundle to the hub on a USB stick, and the hub's answer back.
      await setPhone(pageB, b.url, id, '0797-5550003');
      await pageB.goto(`${b.url}#/sync`);
      await expect(pageB.getByLabel('待上传')).toContainText('变更 1 条');
      await pageB.getByRole('button', { name: '导出同步包' }).click();
      const download = pageB.waitForEvent('download');
      await pageB.getByRole('link', { name: /下载/ }).click();
      const up = join(dirB, 'to-hub.qsync');
      await (await download).saveAs(up);
      expect(cli(['hub', 'bundle', 'import', up, ...hub.args])).toContain('新变更 1 条');
      expect(cli(['hub', 'bundle', 'import', up, ...hub.args])).toContain('新变更 0 条，重复 1 条');
      const wang = (JSON.parse(cli(['hub', 'device', 'list', '--json', ...hub.args])) as { devices: { id: string; user: string }[] }).devices.find((d) => d.user === 'wang')!;
      const back = join(dirB, 'from-hub.qsync');
      cli(['hub', 'bundle', 'export', '--device', wang.id, '--out', back, ...hub.args]);
      await pageB.getByLabel('导入同步包').setInputFiles(back);
      await expect(pageB.getByRole('status')).toContainText('本机变更经中心确认 1 条');
      await expect(pageB.getByLabel('待上传')).toContainText('变更 0 条');
      await page.goto(`${host.url}#/sync`);
      await syncOnScreen(page);
      await page.goto(`${host.url}#/enterprises/${id}`);
      await expect(page.getByText('0797-5550003').first()).toBeVisible();

      // wang changes an enterprise on laptop B while, at the hub, the admin makes wang a town officer of another
      // town: the hub judges the change by the account it was made under, as the hub holds it now, and
      // quarantines it; the admin releases it on screen.
      const rpc = (p: Page, name: string, input: unknown) => p.evaluate(async ([n, i]) => (await (await fetch(`/rpc/${n}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(i) })).json()).value, [name, input] as const);
      const { townCode } = await rpc(pageB, 'enterprises.get', { id }) as { townCode: string };
      const other = (await rpc(pageB, 'places.regions', {}) as { code: string; level: string }[]).find((r) => r.level === 'town' && r.code !== townCode)!.code;
      cli(['hub', 'user', 'set', 'wang', '--role', 'town', '--towns', other, ...hub.args]);
      await setPhone(pageB, b.url, id, '0797-5559999');
      await pageB.goto(`${b.url}#/sync`);
      expect(await syncOnScreen(pageB)).toContain('被同步中心隔离 1 条');
      // wang now answers for another town and reads nothing of this one; the hub's admin, signed in there, sees why.
      await signOut(pageB);
      await signIn(pageB, 'admin', PASSWORD);
      await pageB.goto(`${b.url}#/sync`);
      await expect(pageB.getByRole('region', { name: '未被接受的变更' })).toContainText('不在该账号负责的镇街');
      await page.goto(`${host.url}#/sync`);
      await page.getByRole('button', { name: '查看隔离区' }).click();
      const held = page.getByRole('region', { name: '同步中心隔离区' });
      await expect(held).toContainText('不在该账号负责的镇街');
      page.once('dialog', (d) => void d.accept());
      await held.getByRole('button', { name: /^放行/ }).click();
      await expect(page.getByRole('status').filter({ hasText: '已放行' })).toContainText('已放行 1 条变更');
      await expect(held).toContainText('隔离区为空');
      await page.screenshot({ path: `test-results/sync-released-${kind}.png`, fullPage: true });
      await syncOnScreen(page);
      await page.goto(`${host.url}#/enterprises/${id}`);
      await expect(page.getByText('0797-5559999').first()).toBeVisible();
      await pageB.goto(`${b.url}#/sync`);
      await syncOnScreen(pageB);
      await expect(pageB.getByRole('region', { name: '未被接受的变更' })).toHaveCount(0);
    } catch (e) {
      for (const [i, p] of page.context().browser()!.contexts().flatMap((c) => c.pages()).entries()) await p.screenshot({ path: `test-results/sync-failed-${kind}-${i}.png`, fullPage: true }).catch(() => undefined);
      throw e;
    } finally {
      b.child.kill('SIGTERM');
      rmSync(dirB, { recursive: true, force: true });
      await hub.stop();
    }
  });
}
