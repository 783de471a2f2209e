import type { Database } from 'better-sqlite3';
import type { Region, WaterBody, Watershed } from '../../shared/api/places';
import { prepared } from './statements';

/** Every live region, county first, then towns and villages by code. */
export function listRegions(db: Database): Region[] {
  return (prepared(db, 'SELECT code, name, level, parent_code FROM regions WHERE deleted_at IS NULL ORDER BY code').all() as Record<string, string | null>[])
    .map((r) => ({ code: r.code!, name: r.name!, level: r.level as Region['level'], parentCode: r.parent_code }));
}

/** One region by code, or undefined. */
export function getRegion(db: Database, code: string): Region | undefined {
  const r = prepared(db, 'SELECT code, name, level, parent_code FROM regions WHERE code = ? AND deleted_at IS NULL').get(code) as Record<string, string | null> | undefined;
  return r ? { code: r.code!, name: r.name!, level: r.level as Region['level'], parentCode: r.parent_code } : undefined;
}

export function listWatersheds(db: Database): Watershed[] {
  return prepared(db, 'SELECT id, name FROM watersheds WHERE deleted_at IS NULL ORDER BY name').all() as Watershed[];
}

const toWaterBody = (r: Record<string, string | null>): WaterBody => ({ id: r.id!, name: r.name!, kind: r.kind as WaterBody['kind'], watershedId: r.watershed_id });

export function listWaterBodies(db: Database): WaterBody[] {
  return (prepared(db, 'SELECT id, name, kind, watershed_id FROM water_bodies WHERE deleted_at IS NULL ORDER BY name').all() as Record<string, string | null>[]).map(toWaterBody);
}

export function getWaterBody(db: Database, id: string): WaterBody | undefined {
  const row = prepared(db, 'SELECT id, name, kind, watershed_id FROM water_bodies WHERE id = ? AND deleted_at IS NULL').get(id) as Record<string, string | null> | undefined;
  return row ? toWaterBody(row) : undefined;
}

export function watershedExists(db: Database, id: string): boolean {
  return prepared(db, 'SELECT 1 FROM watersheds WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
}
