import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from 'playwright-core';

/** Debian's Chromium, headless, as the e2e tests run it (precise memory figures on). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'];

export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Runs `fn` with a page of the browser host on `dataDir` (the app shell loaded, signed in as the demo's
 * administrator when the workspace asks — issue 18), then stops both.
 */
export async function withBrowserHost<T>(dataDir: string, fn: (page: Page) => Promise<T>, account = { user: 'admin', password: 'Qingshui2026' }): Promise<T> {
  const child = spawn(process.execPath, [join(__dirname, '..', 'electron', 'cli.cjs'), 'web', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', ok));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.goto(`${url}#/dashboard`);
    const form = page.getByRole('form', { name: '登录' });
    const setup = page.getByRole('form', { name: '创建管理员' });
    await page.waitForSelector('nav.sidebar, form[aria-label="登录"], form[aria-label="创建管理员"]', { timeout: 60_000 });
    if (await setup.count()) {
      // A workspace nobody has an account on yet (the bench's own county): its first administrator.
      await setup.locator('input[name="user"]').fill(account.user);
      await setup.locator('input[name="personName"]').fill('测试员');
      await setup.locator('input[name="password"]').fill(account.password);
      await setup.locator('input[name="again"]').fill(account.password);
      await setup.getByRole('button', { name: '创建并登录' }).click();
      // The workspace is encrypted then and its recovery code shown once (taken down, go on) — unless the
      // bench itself holds the workspace open, when it stays plain and the app opens at once.
      const taken = page.getByLabel('我已抄下恢复码并妥善保管');
      await page.waitForSelector('nav.sidebar, input[type="checkbox"]', { timeout: 120_000 });
      if (await taken.count()) {
        await taken.check();
        await page.getByRole('button', { name: '继续' }).click();
      }
    } else if (await form.count()) {
      await form.getByLabel('用户名').fill(account.user);
      await form.getByLabel('密码').fill(account.password);
      await form.getByRole('button', { name: '登录' }).click();
    }
    await page.waitForSelector('nav.sidebar', { timeout: 60_000 }).catch(async (e: Error) => {
      // Say what the page shows instead (a refusal, a slow first encryption…).
      throw new Error(`${e.message}\n页面显示：${(await page.locator('body').innerText()).slice(0, 600)}`);
    });
    return await fn(page);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
}
