import { test as base, expect, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const BIN = join(process.cwd(), 'bin', 'qingshui.cjs');

export type Host = { url: string; dataDir: string };

/** Starts a browser host on a data folder; `today` simulates the date deadlines are counted on. */
export async function startHost(dataDir: string, today?: string, extra: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const env = { ...process.env, ...(today ? { QINGSHUI_TODAY: today } : {}) };
  const child = spawn(process.execPath, [BIN, 'web', '--data', dataDir, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const url = await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', ok));
  return { child, url };
}

/**
 * The demo county, made once per Playwright worker and scale (`qingshui demo` takes seconds: its accounts'
 * key derivations), and copied into each test's own data folder.
 */
const demoTemplates = new Map<number, string>();
function demoTemplate(scale: number): string {
  let dir = demoTemplates.get(scale);
  if (dir) return dir;
  dir = mkdtempSync(join(tmpdir(), 'qingshui-e2e-demo-'));
  const demo = spawnSync(process.execPath, [BIN, 'demo', '--data', dir, '--scale', String(scale)], { encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(demo.stderr);
  demoTemplates.set(scale, dir);
  return dir;
}
process.on('exit', () => { for (const dir of demoTemplates.values()) rmSync(dir, { recursive: true, force: true }); });

/** Every test gets its own data folder with the demo county and its own browser host. */
export const test = base.extend<{ host: Host; scale: number; today: string | undefined }>({
  scale: [1, { option: true }],
  today: [undefined, { option: true }],
  host: async ({ scale, today }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qingshui-e2e-'));
    cpSync(demoTemplate(scale), dataDir, { recursive: true });
    const { child, url } = await startHost(dataDir, today);
    await use({ url, dataDir });
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  },
});

/** The demo county's password (issue 18: `qingshui demo` makes one account per role). */
export const DEMO_PASSWORD = 'Qingshui2026';
/** A command on the demo's data folder: its workspace is encrypted (issue 18), opened with the demo administrator's account. */
export const DEMO_ENV = { ...process.env, QINGSHUI_UNLOCK: `admin:${DEMO_PASSWORD}` };

/**
 * Opens the app and signs in with a demo account (an inspector's, `zhifa1`, when none is named):
 * admin 管理员, juzhang 局机关人员 (局长), zhifa1/zhifa2 执法人员, zhenjie1 镇街工作人员. Returns the person's name.
 */
export async function openAs(page: Page, host: Host, user = 'zhifa1'): Promise<string> {
  await page.goto(host.url);
  return signIn(page, user);
}

/** Signs in on the sign-in page already shown. */
export async function signIn(page: Page, user: string, password = DEMO_PASSWORD): Promise<string> {
  const form = page.getByRole('form', { name: '登录' });
  await expect(form).toBeVisible();
  await form.getByLabel('用户名').fill(user);
  await form.getByLabel('密码').fill(password);
  await form.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-role')).toContainText(user);
  return (await page.getByTestId('current-person').textContent())!.replace(/^.*：/, '');
}

/** 退出: back to the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('current-person').locator('..').getByRole('button', { name: '退出' }).click();
  await expect(page.getByRole('form', { name: '登录' })).toBeVisible();
}

export { expect };
