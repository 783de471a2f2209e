// Bench of the map (issue 6) in Chromium: 20,000 enterprises and 10,000 outfalls.
import { join } from 'node:path';
import { createWorkbench } from '../../electron/core/workbench';
import { generateDemo } from '../../electron/services/demo/generate';
import { withBrowserHost } from './browser-host';
import { p95, report } from './measure';

type MapHandle = { map: { setZoom(z: number, o?: object): void; getZoom(): number; panBy(p: [number, number], o?: object): void }; redraws: number[] };

export async function benchMap(root: string, results: boolean[]): Promise<void> {
  const dataDir = join(root, 'map-ws');
  const builder = createWorkbench({ dataDir, actor: 'system' });
  generateDemo(builder.store, { scale: 50 });
  builder.close();
  await withBrowserHost(dataDir, async (page) => {
    const heap = async () => (await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize)) / 1048576;
    const shown = async (hash: string, ready: string) => {
      await page.evaluate(() => { window.location.hash = '#/dashboard'; });
      await page.waitForTimeout(300);
      const t = performance.now();
      await page.evaluate((h) => { window.location.hash = h; }, hash);
      await page.waitForSelector(ready);
      return performance.now() - t;
    };
    const list: number[] = [];
    const first: number[] = [];
    for (let i = 0; i < 3; i++) {
      list.push(await shown('#/enterprises', '.vtable-row[tabindex="0"]'));
      first.push(await shown('#/map', '.map-cluster'));
    }
    const counts = await page.getByTestId('map-counts').textContent();
    console.log(`# map: ${counts}`);
    results.push(report('map_first_render', Math.min(...first), 'ms', { name: 'the enterprise list page shown', value: Math.min(...list) }, { max: 800 }));

    // Pan and zoom steps at cluster zooms; each redraw of the markers is timed by the page itself.
    await page.evaluate(() => { (window as unknown as { __qingshuiMap: MapHandle }).__qingshuiMap.redraws.length = 0; });
    for (let i = 0; i < 40; i++) {
      await page.evaluate((step) => {
        const m = (window as unknown as { __qingshuiMap: MapHandle }).__qingshuiMap.map;
        if (step % 4 === 3) m.setZoom(9 + ((step >> 2) % 5), { animate: false });
        else m.panBy([step % 2 ? 180 : -160, step % 3 ? 90 : -110], { animate: false });
      }, i);
      await page.waitForTimeout(30);
    }
    const redraws = await page.evaluate(() => (window as unknown as { __qingshuiMap: MapHandle }).__qingshuiMap.redraws.slice());
    const frame = await page.evaluate(() => new Promise<number>((ok) => {
      const t: number[] = [];
      const tick = (now: number) => { t.push(now); if (t.length < 40) requestAnimationFrame(tick); else ok((t[t.length - 1] - t[0]) / (t.length - 1)); };
      requestAnimationFrame(tick);
    }));
    results.push(report('map_redraw_p95', p95(redraws), 'ms', { name: 'one animation frame of this page (rAF interval)', value: frame }, { max: 16 }));
    const mapHeap = await heap();
    await page.evaluate(() => { window.location.hash = '#/dashboard'; });
    await page.waitForTimeout(500);
    await page.evaluate(() => (window as unknown as { gc?: () => void }).gc?.());
    results.push(report('map_page_js_heap', mapHeap, 'MB', { name: 'the same page back on the dashboard', value: await heap() }, { max: 300 }));
  });
}
