import { join } from 'node:path';
import { makeMbtiles } from '../fixtures/make-mbtiles';
import { expect, openAs, startHost, test } from './fixtures';

const clusterTotal = (page: import('@playwright/test').Page) => page.locator('.map-cluster span').evaluateAll((els) => els.reduce((n, e) => n + Number(e.textContent), 0));

test('the demo county on the map with no other host: clusters, a filter, a marker opened, a new outfall placed', async ({ page, host }) => {
  test.setTimeout(90_000);
  const tiles = join(host.dataDir, 'county.mbtiles');
  await makeMbtiles(tiles);
  const origin = new URL(host.url).origin;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openAs(page, host, 'admin'); // the basemap is a setting: the administrator's
  await page.getByRole('link', { name: '地图' }).click();
  await expect(page.getByTestId('map-counts')).toHaveText('排污单位 400 · 排污口 200');
  await expect(page.locator('.map-cluster').first()).toBeVisible();
  const all = await clusterTotal(page);
  expect(all).toBeGreaterThan(300);

  // The basemap from a tile package on this computer; a file that is not one is refused and the map stays.
  const basemap = page.getByRole('region', { name: '底图' });
  await basemap.getByLabel('瓦片包路径').fill(join(host.dataDir, 'workspace.qingshui-wal'));
  await basemap.getByRole('button', { name: '使用' }).click();
  await expect(basemap.getByRole('alert')).toContainText('不是 MBTiles 瓦片包');
  await basemap.getByLabel('瓦片包路径').fill(tiles);
  await basemap.getByRole('button', { name: '使用' }).click();
  await expect(basemap).toContainText('清水县测试底图 · PNG · TMS');
  await page.reload();
  await expect(page.locator('.leaflet-tile-loaded').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/map-county.png' });

  // A filter: only what has overdue problems.
  await page.getByRole('group', { name: '地图筛选' }).getByLabel('状态').selectOption({ label: '有超期问题' });
  await expect.poll(() => clusterTotal(page)).toBeLessThan(all);

  // A marker opened from the nearby list (the map centres on it, keeping its zoom: issue 20), then its record.
  await page.getByRole('group', { name: '地图筛选' }).getByLabel('状态').selectOption({ label: '全部状态' });
  const first = page.getByRole('region', { name: '附近' }).getByRole('button').first();
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole('region', { name: '选中的对象' })).toContainText(name);
  await page.waitForTimeout(700); // the pan animation
  const zoomOf = () => page.evaluate(() => (window as unknown as { __qingshuiMap: { map: { getZoom(): number } } }).__qingshuiMap.map.getZoom());
  const countyZoom = await zoomOf();
  // The person zooms in to the street; the marker sits at the map's centre.
  await page.evaluate(() => { (window as unknown as { __qingshuiMap: { map: { setZoom(z: number, o: object): void } } }).__qingshuiMap.map.setZoom(16, { animate: false }); });
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/map-street.png' });
  // The marker itself opens it too; a click selects it where it is, without zooming (issue 20).
  await page.getByRole('region', { name: '选中的对象' }).getByRole('button', { name: '取消选中' }).click();
  await expect(page.getByRole('region', { name: '选中的对象' })).toHaveCount(0);
  const mapBox = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.click(mapBox.x + mapBox.width / 2, mapBox.y + mapBox.height / 2);
  await expect(page.getByRole('region', { name: '选中的对象' })).toContainText(name);
  expect(await zoomOf()).toBe(16);
  expect(countyZoom).toBeLessThan(14);
  // The town filter brings the town into view.
  await page.getByRole('group', { name: '地图筛选' }).getByLabel('镇街').selectOption({ label: '白沙镇' });
  await expect.poll(zoomOf).not.toBe(16);
  await page.getByRole('region', { name: '选中的对象' }).getByRole('button', { name: '打开档案' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);

  // A newly found outfall placed by clicking where it is.
  await page.getByRole('link', { name: '地图' }).click();
  // The map is drawn from its data first (the button waits for it): a click on an empty box places nothing.
  await expect(page.getByTestId('map-counts')).toHaveText('排污单位 400 · 排污口 200');
  await expect(page.locator('.leaflet-tile-loaded').first()).toBeVisible();
  await page.getByRole('button', { name: '新增排污口（在地图上点选）' }).click();
  await expect(page.getByRole('status').filter({ hasText: '新发现排污口的位置' })).toBeVisible();
  const box = (await page.getByTestId('map').boundingBox())!;
  // Beside the county's markers (a marker or cluster takes its own click).
  await page.mouse.click(box.x + box.width - 40, box.y + box.height * 0.45);
  await expect(page.getByRole('heading', { name: '新建排污口' })).toBeVisible();
  const lon = await page.locator('input[name=lon]').inputValue();
  expect(Number(lon)).toBeGreaterThan(114.8);
  // The town the point lies in is filled from the county's boundaries (issue 20).
  const lat = await page.locator('input[name=lat]').inputValue();
  const at = await page.evaluate(async ([x, y]) => (await (await fetch('/rpc/places.at', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lon: Number(x), lat: Number(y) }) })).json()) as { value: { townCode: string | null } }, [lon, lat]);
  await expect(page.locator('select[name=townCode]')).toHaveValue(at.value.townCode ?? '');
  await page.locator('input[name=name]').fill('桃溪河新发现排口');
  await page.locator('select[name=townCode]').selectOption({ label: '白沙镇' });
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('桃溪河新发现排口');
  await page.getByRole('link', { name: '地图' }).click();
  await expect(page.getByTestId('map-counts')).toHaveText('排污单位 400 · 排污口 201');

  // Privacy: every request went to our own host.
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(foreign).toEqual([]);
  expect(requests.some((u) => u.includes('/tiles/'))).toBe(true);
});

test('a position typed outside China is refused, one in the county sorts what is near', async ({ page, host }) => {
  await openAs(page, host);
  await page.getByRole('link', { name: '地图' }).click();
  const mine = page.getByRole('region', { name: '我的位置' });
  // Picked on the map where the inspector stands (beside the county's markers).
  await mine.getByRole('button', { name: '在地图上点选' }).click();
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.click(box.x + box.width - 40, box.y + box.height * 0.45);
  await expect(mine).toContainText('（按距离排序）');
  const picked = (await mine.locator('p.muted').textContent())!;
  expect(Number(picked.split(',')[0])).toBeGreaterThan(115.2);
  await mine.getByLabel('输入坐标').fill('25.9, 115.05');
  await mine.getByRole('button', { name: '定位', exact: true }).click();
  await expect(mine.getByRole('alert')).toContainText('经度和纬度可能填反了');
  await mine.getByLabel('输入坐标').fill('115°03′00″, 25°54′00″');
  await mine.getByRole('button', { name: '定位', exact: true }).click();
  await expect(mine.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('region', { name: '附近' })).toContainText('km');
  const distances = await page.getByRole('region', { name: '附近' }).locator('small').allTextContents();

  const km = distances.map((t) => parseFloat(t));
  expect(km).toEqual([...km].sort((a, b) => a - b));
});

test('qingshui web --tiles refuses a file that is not a tile package', async () => {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, [join(process.cwd(), 'bin', 'qingshui.cjs'), 'web', '--data', join(process.cwd(), 'test-results', 'no-such-ws'), '--port', '0', '--tiles', join(process.cwd(), 'package.json')], { encoding: 'utf8', timeout: 20_000 });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('--tiles：');
  expect(r.stderr).toContain('不是 MBTiles 瓦片包');
  void startHost;
});
