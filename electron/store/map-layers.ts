import type { Database } from 'better-sqlite3';
import { prepared } from './statements';

/** A stored boundary (town, village, watershed, river, lake) with its GeoJSON geometry as text. */
export type StoredGeometry = { id: string; kind: 'town'; name: string; geojson: string };

/** Every live boundary the map draws, by kind then id. */
export function mapLayers(db: Database): StoredGeometry[] {
  return db.prepare('SELECT id, kind, name, geojson FROM geometries WHERE deleted_at IS NULL ORDER BY kind, id').all() as StoredGeometry[];
}

/** The tile package the workspace's map uses ('' when none): asked for every tile, so one indexed row, not the whole settings. */
export function basemapPath(db: Database): string {
  const raw = prepared(db, "SELECT value FROM settings WHERE key = 'basemapPath' AND deleted_at IS NULL").get() as { value: string } | undefined;
  return raw ? (JSON.parse(raw.value) as string) : '';
}
