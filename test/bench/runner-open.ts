import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from 'playwright-core';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function timeNavigation(page: Page, hash: string, ready: () => Promise<unknown>): Promise<number> {
  await page.evaluate(() => { window.location.hash = '#/dashboard'; });
  await page.waitForTimeout(200);
  const started = performance.now();
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  await ready();
  return performance.now() - started;
}

/**
 * In Chromium against the browser host: from the route change to the runner of an inspection with
 * every item rendered and every photo thumbnail decoded (ms, best of 5), beside the same measure
 * for an enterprise's detail page.
 */
export async function runnerOpenInChromium(dataDir: string, inspectionId: string, enterpriseId: string, lastItem: string): Promise<{ runner: number; detail: number }> {
  const child = spawn(process.execPath, [join(__dirname, '..', 'electron', 'cli.cjs'), 'web', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', ok));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.goto(`${url}#/dashboard`);
    await page.waitForSelector('nav.sidebar');
    const runner: number[] = [];
    const detail: number[] = [];
    for (let i = 0; i < 5; i++) {
      runner.push(await timeNavigation(page, `#/inspections/${inspectionId}`, async () => {
        await page.waitForSelector(`[data-item="${lastItem}"]`);
        await page.waitForFunction(() => Array.from(document.querySelectorAll('.photo img')).every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0) && document.querySelectorAll('.photo img').length > 0);
      }));
      detail.push(await timeNavigation(page, `#/enterprises/${enterpriseId}`, () => page.waitForSelector('.detail-page h1')));
    }
    return { runner: Math.min(...runner), detail: Math.min(...detail) };
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
}
