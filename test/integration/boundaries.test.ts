import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';
import { DEMO_ENV, openDemo } from './cli-env';

const BIN = join(__dirname, '..', '..', 'bin', 'qingshui.cjs');
const square = (lon: number, lat: number, d = 0.01) => [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]];

describe('qingshui import boundaries', () => {
  it('matches features to towns by code, villages by name, watersheds and rivers; all or nothing; GCJ-02 converted', async () => {
    const dir = join(tempDir(), 'ws');
    spawnSync(process.execPath, [BIN, 'demo', '--data', dir, '--inspections', '0'], { encoding: 'utf8', env: DEMO_ENV });
    const wb = await openDemo(dir);
    const town = wb.store.db.prepare("SELECT code, name FROM regions WHERE level = 'town' ORDER BY code LIMIT 1").get() as { code: string; name: string };
    const village = wb.store.db.prepare("SELECT name FROM regions WHERE level = 'village' AND parent_code = ? ORDER BY code LIMIT 1").pluck().get(town.code) as string;
    const ws = wb.store.db.prepare('SELECT name FROM watersheds ORDER BY name LIMIT 1').pluck().get() as string;
    wb.close();
    const features = [
      { type: 'Feature', properties: { XZQDM: town.code, XZQMC: '随便写' }, geometry: { type: 'Polygon', coordinates: square(115, 25.9, 0.1) } },
      { type: 'Feature', properties: { name: village }, geometry: { type: 'Polygon', coordinates: square(115.01, 25.91) } },
      { type: 'Feature', properties: { 名称: ws }, geometry: { type: 'MultiPolygon', coordinates: [square(115, 25.8, 0.2)] } },
      { type: 'Feature', properties: { name: '清水河' }, geometry: { type: 'LineString', coordinates: [[114.9, 25.9], [115.2, 25.95]] } },
    ];
    const file = join(dir, 'b.geojson');
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'import', 'boundaries', file, '--data', dir, '--json', ...args], { encoding: 'utf8', env: DEMO_ENV });
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [...features, { type: 'Feature', properties: { name: '火星镇' }, geometry: { type: 'Polygon', coordinates: square(1, 1) } }] }));
    const bad = run();
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ features: 5, committed: false, problems: [expect.stringContaining('第 5 个要素“火星镇”不是本县区划目录中的镇街或村居')] });
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
    const ok = run('--crs', 'gcj02');
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).matched.map((m: { kind: string }) => m.kind)).toEqual(['town', 'village', 'watershed', 'river']);
    const after = await openDemo(dir);
    const g = JSON.parse(after.store.db.prepare('SELECT geojson FROM geometries WHERE id = ?').pluck().get(town.code) as string) as { coordinates: number[][][] };
    // GCJ-02 → CGCS2000 moves the corner by a few hundred metres west/south.
    expect(g.coordinates[0][0][0]).toBeLessThan(115);
    expect(g.coordinates[0][0][0]).toBeGreaterThan(114.99);
    after.close();
    writeFileSync(file, 'not json');
    expect(run().stderr).toContain('不是 GeoJSON 文件');
  });
});
