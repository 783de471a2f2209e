import Database from 'better-sqlite3';

/** What an MBTiles file holds, read as is (its checks are the map service's). */
export type TilePackageFile = {
  metadata: Record<string, string>;
  /** The first tile's bytes, to tell its image format. */
  firstTile: Buffer | undefined;
  /** The lowest and highest zoom and how many tiles there are. */
  zooms(): { lo: number; hi: number; n: number };
  /** A reader of a tile's bytes by its stored row (TMS or XYZ, as the package keeps them). */
  tileReader(): (z: number, x: number, row: number) => Buffer | undefined;
  close(): void;
};

/**
 * Opens a raster tile package (MBTiles: an SQLite file with `metadata` and `tiles`) read-only: 'not-sqlite'
 * when it is no SQLite file, 'no-tables' when it lacks either table. Anything else it cannot read throws.
 */
export function openTilePackageFile(path: string): TilePackageFile | 'not-sqlite' | 'no-tables' {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
  } catch {
    return 'not-sqlite';
  }
  try {
    const has = (name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE name = ? AND type IN ('table', 'view')").get(name) !== undefined;
    if (!has('metadata') || !has('tiles')) { db.close(); return 'no-tables'; }
    const metadata = Object.fromEntries((db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]).map((r) => [r.name, r.value]));
    const firstTile = db.prepare('SELECT tile_data FROM tiles LIMIT 1').pluck().get() as Buffer | undefined;
    return {
      metadata, firstTile,
      zooms: () => db.prepare('SELECT min(zoom_level) AS lo, max(zoom_level) AS hi, count(*) AS n FROM tiles').get() as { lo: number; hi: number; n: number },
      tileReader: () => {
        const get = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?').pluck();
        return (z, x, row) => get.get(z, x, row) as Buffer | undefined;
      },
      close: () => db.close(),
    };
  } catch (e) {
    db.close();
    throw e;
  }
}
