import { describe, expect, it } from 'vitest';
import { demoWorkbench } from './helpers';

describe('the town and village a point lies in (issue 20)', () => {
  it('is read from the imported boundaries; a point outside the county has none', async () => {
    const wb = await demoWorkbench();
    const town = wb.store.db.prepare("SELECT id, geojson FROM geometries WHERE kind = 'town' LIMIT 1").get() as { id: string; geojson: string } | undefined;
    expect(town).toBeTruthy();
    // A point well inside the town: the mean of its outer ring's vertices (the demo's towns are convex).
    const g = JSON.parse(town!.geojson) as { type: string; coordinates: number[][][] | number[][][][] };
    const ring = (g.type === 'Polygon' ? g.coordinates[0] : (g.coordinates as number[][][][])[0][0]) as number[][];
    const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
    const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    expect((await wb.call('places.at', { lon, lat })).townCode).toBe(town!.id);
    expect(await wb.call('places.at', { lon: 100, lat: 30 })).toEqual({ townCode: null, villageCode: null });
  });
});
