import { DEMO_PASSWORD, writeDemoAccounts } from '../../electron/services/demo/accounts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWebHost } from '../../electron/web/server';
import { createWorkspaceHost } from '../../electron/core/workspace-host';
import { openMbtiles } from '../../electron/services/map/mbtiles';
import { tileOfPath } from '../../electron/services/map/tile-path';
import { appRequestToTile } from '../../electron/security';
import { positionProblem } from '../../shared/map/china';
import { TARGET_STATUSES } from '../../shared/map/status';
import { makeMbtiles, tileOf } from '../fixtures/make-mbtiles';

/** The XYZ tile over 清水县 at zoom 11. */
const [TX, TY] = tileOf(115.05, 25.9, 11);
import { loopWorkbench, tempDir } from './helpers';

/** The demo accounts in this workspace, and the token's session signed in as its administrator. */
async function createAccountsAndSignIn(wb: { store: Parameters<typeof writeDemoAccounts>[0] }, port: number, token: string) {
  await writeDemoAccounts(wb.store);
  const r = await fetch(`http://127.0.0.1:${port}/rpc/auth.signIn`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-qingshui-token': token }, body: JSON.stringify({ user: 'admin', password: DEMO_PASSWORD }) });
  expect(((await r.json()) as { ok: boolean }).ok).toBe(true);
}

describe('offline basemap (MBTiles)', () => {
  it('reads TMS and XYZ packages the same, and refuses what is not a raster tile package', async () => {
    const dir = tempDir();
    const tms = join(dir, 'tms.mbtiles');
    const xyz = join(dir, 'xyz.mbtiles');
    expect(await makeMbtiles(tms)).toBeGreaterThan(10);
    await makeMbtiles(xyz, { scheme: 'xyz' });
    const a = openMbtiles(tms);
    const b = openMbtiles(xyz);
    expect(a.info).toMatchObject({ format: 'png', scheme: 'tms', minzoom: 9, maxzoom: 12, name: '清水县测试底图' });
    expect(b.info.scheme).toBe('xyz');
    // The tile over the county at z11 is the same image from both row orders.
    expect(a.tile(11, TX, TY)).not.toBeNull();
    expect(a.tile(11, TX, TY)!.equals(b.tile(11, TX, TY)!)).toBe(true);
    expect(a.tile(11, TX, TY)!.equals(a.tile(11, TX, TY + 1) ?? Buffer.alloc(0))).toBe(false);
    expect(a.tile(11, 0, 0)).toBeNull();
    a.close(); b.close();

    writeFileSync(join(dir, 'text.mbtiles'), 'not sqlite at all');
    expect(() => openMbtiles(join(dir, 'text.mbtiles'))).toThrow('不是 MBTiles 瓦片包（不是 SQLite 文件）');
    expect(() => openMbtiles(join(dir, 'none.mbtiles'))).toThrow('找不到瓦片包文件');
    await makeMbtiles(join(dir, 'pbf.mbtiles'), { format: 'pbf' });
    expect(() => openMbtiles(join(dir, 'pbf.mbtiles'))).toThrow('矢量瓦片包（pbf）');
    await makeMbtiles(join(dir, 'lie.mbtiles'), { format: 'png', jpeg: true });
    expect(() => openMbtiles(join(dir, 'lie.mbtiles'))).toThrow('声明格式为 png，但瓦片实际是 jpg');
    await makeMbtiles(join(dir, 'quad.mbtiles'), { scheme: 'quadkey' as 'tms' });
    expect(() => openMbtiles(join(dir, 'quad.mbtiles'))).toThrow('切片方案“quadkey”无法识别');
  });

  it('is chosen in the workspace, served to token holders only, and a bad file keeps the map usable', async () => {
    const wb = await loopWorkbench(20);
    const file = join(tempDir(), 'county.mbtiles');
    await makeMbtiles(file);
    await expect(wb.call('map.setBasemap', { path: join(tempDir(), 'x.mbtiles') })).rejects.toThrow('找不到瓦片包文件');
    expect(await wb.call('map.basemap', {})).toEqual({ info: null, problem: null });
    expect((await wb.call('map.setBasemap', { path: file })).info).toMatchObject({ format: 'png', tiles: expect.any(Number) });
    // Chosen with the file picker (issue 20): handed in as a stream and kept in the data folder's basemaps/.
    const { receiveUpload } = await import('../../electron/core/streamed-upload');
    const { createReadStream, existsSync } = await import('node:fs');
    const upload = await receiveUpload(wb, 'mbtiles', createReadStream(file));
    expect((await wb.call('map.setBasemap', { upload, fileName: '全县影像.mbtiles' })).info).toMatchObject({ format: 'png' });
    expect(existsSync(join(wb.dataDir, 'basemaps', '全县影像.mbtiles'))).toBe(true);
    const junk = await receiveUpload(wb, 'mbtiles', createReadStream(__filename));
    await expect(wb.call('map.setBasemap', { upload: junk, fileName: 'x.mbtiles' })).rejects.toThrow();
    expect((await wb.call('map.basemap', {})).info).toMatchObject({ format: 'png' });
    const host = createWorkspaceHost(wb);
    const web = await startWebHost(host, { rendererDir: tempDir(), token: 't0ken' });
    const withToken = { headers: { 'x-qingshui-token': 't0ken' } };
    // A program holding the token signs in like a person before it reads files (issue 18).
    expect((await fetch(`http://127.0.0.1:${web.port}/tiles/11/${TX}/${TY}`, withToken)).status).toBe(401);
    await createAccountsAndSignIn(wb, web.port, 't0ken');
    try {
      const tile = await fetch(`http://127.0.0.1:${web.port}/tiles/11/${TX}/${TY}`, withToken);
      expect(tile.status).toBe(200);
      expect(tile.headers.get('content-type')).toBe('image/png');
      expect((await fetch(`http://127.0.0.1:${web.port}/tiles/11/${TX}/${TY}`)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${web.port}/tiles/11/0/0`, withToken)).status).toBe(204);
      expect((await fetch(`http://127.0.0.1:${web.port}/tiles/11/99999/1`, withToken)).status).toBe(404);
    } finally {
      await web.close();
    }
  });
});

describe('map data', () => {
  it('places every located target with its status, lists the unlocated, and draws boundaries from the workspace', async () => {
    const wb = await loopWorkbench(40);
    const [e] = (await wb.call('enterprises.list', { limit: 1 })).rows;
    await wb.call('enterprises.update', { id: e.id, patch: { lon: null, lat: null } });
    const m = await wb.call('map.points', {});
    expect(m.enterprises.ids).toHaveLength(399);
    expect(m.unlocated.enterprises).toMatchObject({ total: 1, first: [{ id: e.id }] });
    expect(m.enterprises.ids).not.toContain(e.id);
    for (const s of [0, 2, 3]) expect(m.enterprises.status).toContain(s);
    // A target with an overdue finding is red (status 0).
    const [overdue] = (await wb.call('findings.list', { overdue: true, targetKind: 'enterprise', limit: 1 })).rows;
    expect(TARGET_STATUSES[m.enterprises.status[m.enterprises.ids.indexOf(overdue.targetId!)]]).toBe('overdue');
    const layers = await wb.call('map.layers', {});
    expect(layers.filter((l) => l.kind === 'town')).toHaveLength(10);
    expect(layers.filter((l) => l.kind === 'village')).toHaveLength(100);
    expect(layers.filter((l) => l.kind === 'watershed').length).toBeGreaterThan(0);
    expect(layers.find((l) => l.kind === 'river')?.geometry).toMatchObject({ type: 'LineString' });
  });

  it('knows a tile path, an app:// tile, and a position outside China', () => {
    expect(tileOfPath('/tiles/11/1677/875')).toEqual({ z: 11, x: 1677, y: 875 });
    expect(tileOfPath('/tiles/2/4/0')).toBeNull();
    expect(tileOfPath('/tiles/../etc')).toBeNull();
    expect(appRequestToTile('GET', 'app://qingshui/tiles/3/1/2')).toEqual({ z: 3, x: 1, y: 2 });
    expect(appRequestToTile('POST', 'app://qingshui/tiles/3/1/2')).toBeNull();
    expect(appRequestToTile('GET', 'https://evil.example/tiles/3/1/2')).toBeNull();
    expect(positionProblem(115.05, 25.9)).toBeNull();
    expect(positionProblem(25.9, 115.05)).toContain('经度和纬度可能填反了');
    expect(positionProblem(-0.12, 51.5)).toContain('不在中国境内');
  });
});
