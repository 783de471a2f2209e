import type { Database } from 'better-sqlite3';

/**
 * Shapes the map draws from the workspace itself (no network): town and village boundaries,
 * watersheds, rivers and lakes, as GeoJSON geometries (WGS-84/CGCS2000 lon/lat) keyed by the record
 * they outline. Reference records: edited through the write path, synced like the rest.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE geometries (
      id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('town', 'village', 'watershed', 'river', 'lake')),
      name TEXT NOT NULL, geojson TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE INDEX geometries_kind ON geometries(kind);
  `);
}
