import { dirname, join } from 'node:path';
import type { BasemapInfo } from '../../../shared/api/map';
import { DomainError } from '../../../shared/api/result';
import { basemapPath, mapLayers } from '../../store/map-layers';
import { mapPoints } from '../../store/map-points';
import { writeSettings } from '../../store/settings';
import type { Store } from '../../store/store';
import { today } from '../clock';
import { authorOf } from '../context';
import type { Handlers } from '../handlers';
import { importBoundaries } from './import-boundaries';
import { openMbtiles, type Mbtiles } from './mbtiles';
import { stagedUpload } from '../uploads';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';

export { importBoundaries, type BoundaryReport } from './import-boundaries';
export { openMbtiles, tileMime, type Mbtiles } from './mbtiles';
export { tileOfPath } from './tile-path';

/** The open tile package of each store (opened on first use, reopened when the setting changes). */
const basemaps = new WeakMap<Store, { path: string; tiles: Mbtiles | null; problem: string | null }>();

/** The workspace's tile package, or why it cannot be used (the vector layers alone still make a map). */
export function basemapOf(store: Store): { tiles: Mbtiles | null; problem: string | null } {
  const path = basemapPath(store.db);
  const cached = basemaps.get(store);
  if (cached && cached.path === path) return cached;
  cached?.tiles?.close();
  let entry: { path: string; tiles: Mbtiles | null; problem: string | null } = { path, tiles: null, problem: null };
  if (path) {
    try { entry = { path, tiles: openMbtiles(path), problem: null }; } catch (e) { entry = { path, tiles: null, problem: (e as Error).message }; }
  }
  basemaps.set(store, entry);
  return entry;
}

/** Refuses a tile package that will not open (with why), before anything remembers it. */
export function checkBasemapFile(path: string): void {
  try { openMbtiles(path).close(); } catch (e) { throw new DomainError('invalid', (e as Error).message); }
}

const answer = (b: { tiles: Mbtiles | null; problem: string | null }): { info: BasemapInfo | null; problem: string | null } => ({ info: b.tiles?.info ?? null, problem: b.problem });

export const mapHandlers = {
  'map.layers': (ctx) => mapLayers(ctx.store.db)
    .map((g) => ({ id: g.id, kind: g.kind, name: g.name, geometry: JSON.parse(g.geojson) as unknown })),
  'map.points': (ctx) => {
    const e = mapPoints(ctx.store.db, 'enterprise', today());
    const o = mapPoints(ctx.store.db, 'outfall', today());
    return { enterprises: e.points, outfalls: o.points, unlocated: { enterprises: e.unlocated, outfalls: o.unlocated } };
  },
  'map.basemap': (ctx) => answer(basemapOf(ctx.store)),
  'map.importBoundaries': (ctx, { staged, fileName, crs, dryRun }) => {
    const path = stagedUpload(ctx.store.file, staged);
    if (!path) throw new DomainError('not_found', `未找到上传的文件“${fileName}”`);
    try { return importBoundaries(ctx.store, path, crs, dryRun, authorOf(ctx), fileName); } finally { rmSync(path, { force: true }); }
  },
  'map.setBasemap': (ctx, { path: typed, upload, fileName }) => {
    const author = authorOf(ctx);
    let path = typed;
    if (upload) {
      // Picked with the file picker: kept beside the workspace (basemaps/), under its own name.
      const staged = stagedUpload(ctx.store.file, upload);
      if (!staged) throw new DomainError('not_found', `未找到上传的瓦片包“${fileName ?? upload}”`);
      try { checkBasemapFile(staged); } catch (e) { rmSync(staged, { force: true }); throw e; }
      const dir = join(dirname(ctx.store.file), 'basemaps');
      mkdirSync(dir, { recursive: true });
      // Its own name, made unique: a package of the same name in use stays as it is (its tiles are cached by path).
      const base = (fileName ?? 'basemap.mbtiles').replace(/[\\/:*?"<>|]/g, '_').replace(/(\.mbtiles)?$/i, '');
      path = join(dir, `${base}.mbtiles`);
      for (let n = 2; existsSync(path); n++) path = join(dir, `${base}-${n}.mbtiles`);
      renameSync(staged, path);
    }
    // A file that will not open is refused before it is remembered; the map keeps its current basemap.
    if (path) checkBasemapFile(path);
    writeSettings(ctx.store, { basemapPath: path }, author);
    return answer(basemapOf(ctx.store));
  },
} satisfies Partial<Handlers>;
