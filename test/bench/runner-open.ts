import type { Page } from 'playwright-core';
import { withBrowserHost } from './browser-host';

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
  return withBrowserHost(dataDir, async (page) => {
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
  });
}
