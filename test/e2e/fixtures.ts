import { test as base, expect, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const BIN = join(process.cwd(), 'bin', 'qingshui.cjs');

export type Host = { url: string; dataDir: string };

/** Every test gets its own data folder with the demo county and its own browser host. */
/** Starts a browser host on a data folder; `today` simulates the date deadlines are counted on. */
export async function startHost(dataDir: string, today?: string, extra: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const env = { ...process.env, ...(today ? { QINGSHUI_TODAY: today } : {}) };
  const child = spawn(process.execPath, [BIN, 'web', '--data', dataDir, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const url = await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', ok));
  return { child, url };
}

export const test = base.extend<{ host: Host; scale: number; today: string | undefined }>({
  scale: [1, { option: true }],
  today: [undefined, { option: true }],
  host: async ({ scale, today }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qingshui-e2e-'));
    const demo = spawnSync(process.execPath, [BIN, 'demo', '--data', dataDir, '--scale', String(scale)], { encoding: 'utf8' });
    if (demo.status !== 0) throw new Error(demo.stderr);
    const { child, url } = await startHost(dataDir, today);
    await use({ url, dataDir });
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  },
});

/** Opens the app and signs in as the named person (the first inspector when none is named). */
export async function openAs(page: Page, host: Host, name?: string): Promise<string> {
  await page.goto(host.url);
  const dialog = page.getByRole('dialog', { name: '请选择当前工作人员' });
  await expect(dialog).toBeVisible();
  const button = name ? dialog.getByRole('button', { name: new RegExp(name) }) : dialog.locator('section', { hasText: '执法人员' }).getByRole('button').first();
  const chosen = (await button.locator('b').textContent())!;
  await button.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('current-person')).toContainText(chosen);
  return chosen;
}

export { expect };
