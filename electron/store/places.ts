import type { Database } from 'better-sqlite3';
import type { Region, WaterBody, Watershed } from '../../shared/api/places';

/** Every live region, county first, then towns and villages by code. */
export function listRegions(db: Database): Region[] {
  return (db.prepare('SELECT code, name, level, parent_code FROM regions WHERE deleted_at IS NULL ORDER BY code').all() as Record<string, string | null>[])
    .map((r) => ({ code: r.code!, name: r.name!, level: r.level as Region['level'], parentCode: r.parent_code }));
}

/** One region by code, or undefined. */
export function getRegion(db: Database, code: string): Region | undefined {
  return listRegionsByCode(db, [code])[0];
}

function listRegionsByCode(db: Database, codes: string[]): Region[] {
  const stmt = db.prepare('SELECT code, name, level, parent_code FROM regions WHERE code = ? AND deleted_at IS NULL');
  return codes.flatMap((c) => {
    const r = stmt.get(c) as Record<string, string | null> | undefined;
    return r ? [{ code: r.code!, name: r.name!, level: r.level as Region['level'], parentCode: r.parent_code }] : [];
  });
}

export function listWatersheds(db: Database): Watershed[] {
  return db.prepare('SELECT id, name FROM watersheds WHERE deleted_at IS NULL ORDER BY name').all() as Watershed[];
}

export function listWaterBodies(db: Database): WaterBody[] {
  return (db.prepare('SELECT id, name, kind, watershed_id FROM water_bodies WHERE deleted_at IS NULL ORDER BY name').all() as Record<string, string | null>[])
    .map((r) => ({ id: r.id!, name: r.name!, kind: r.kind as WaterBody['kind'], watershedId: r.watershed_id }));
}

export function getWaterBody(db: Database, id: string): WaterBody | undefined {
  return listWaterBodies(db).find((b) => b.id === id);
}

export function watershedExists(db: Database, id: string): boolean {
  return db.prepare('SELECT 1 FROM watersheds WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
}
