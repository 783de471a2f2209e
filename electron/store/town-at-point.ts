import type { Database } from 'better-sqlite3';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';

type TownShape = { code: string; shape: Polygon | MultiPolygon; box: [number, number, number, number] };

const caches = { town: new WeakMap<Database, { version: number; towns: TownShape[] }>(), village: new WeakMap<Database, { version: number; towns: TownShape[] }>() };

function bbox(g: Polygon | MultiPolygon): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  for (const ring of rings) for (const [x, y] of ring) { b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y); }
  return b;
}

/**
 * The town (or village) whose boundary (imported under 地图 → 边界, stored in WGS84/CGCS2000) holds a point, or null
 * (no boundaries, or outside them all). The boundaries are read once per change of the table.
 */
export function townAtPoint(db: Database, lon: number, lat: number, kind: 'town' | 'village' = 'town'): string | null {
  const cache = caches[kind];
  const version = (db.prepare('SELECT count(*) + coalesce(max(julianday(updated_at)), 0) FROM geometries WHERE kind = ?').pluck().get(kind) as number) ?? 0;
  let entry = cache.get(db);
  if (!entry || entry.version !== version) {
    const rows = db.prepare('SELECT id, geojson FROM geometries WHERE kind = ? AND deleted_at IS NULL').all(kind) as { id: string; geojson: string }[];
    const towns = rows.map((r) => { const shape = JSON.parse(r.geojson) as Polygon | MultiPolygon; return { code: r.id, shape, box: bbox(shape) }; })
      .filter((t) => t.shape.type === 'Polygon' || t.shape.type === 'MultiPolygon');
    entry = { version, towns };
    cache.set(db, entry);
  }
  for (const t of entry.towns) {
    if (lon < t.box[0] || lon > t.box[2] || lat < t.box[1] || lat > t.box[3]) continue;
    if (booleanPointInPolygon([lon, lat], t.shape)) return t.code;
  }
  return null;
}
