import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { extname } from 'node:path';
import { DomainError } from '../../shared/api/result';
import { exportFile } from '../services/ledgers/index';
import { basemapOf, tileMime } from '../services/map/index';
import { uploadsDirOf } from '../services/uploads';
import { readBlob } from '../store/blob-store';
import type { Workbench } from './workbench';

/*
 * The files a host serves beside the procedures' answers: stored photos and signatures (by SHA-256),
 * basemap tiles and the exports folder's ledgers and bundles. Each answer names its type.
 */

export { tileOfPath } from '../services/map/tile-path';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A stored photo or signature, its type proved from its bytes when it was kept. */
export function storedFile(wb: Workbench, sha256: string): { bytes: Buffer; mime: string } | null {
  const { store } = wb;
  return readBlob(store.db, store.blobDir, sha256);
}

/** A tile of the workspace's offline basemap (null: outside the package, or no basemap). */
export function basemapTile(wb: Workbench, z: number, x: number, y: number): { bytes: Buffer; mime: string } | null {
  const { tiles } = basemapOf(wb.store);
  const bytes = tiles?.tile(z, x, y);
  return bytes && tiles ? { bytes, mime: tileMime(tiles.info.format) } : null;
}

/** A ledger or bundle in the workspace's exports folder, by its bare name. */
export function exportedFile(wb: Workbench, name: string): { bytes: Buffer; mime: string } | null {
  const path = exportFile(wb.store.file, name);
  return path ? { bytes: readFileSync(path), mime: name.endsWith('.qsync') ? 'application/octet-stream' : XLSX } : null;
}

/**
 * Hands a file the user named on this computer to the core: copied into the workspace's uploads folder
 * under a random name, which is what a procedure (`ledgers.import`, `map.importBoundaries`) is given.
 */
export function stageUpload(wb: Workbench, path: string): string {
  if (!existsSync(path)) throw new DomainError('not_found', `文件“${path}”不存在`);
  const ext = extname(path).toLowerCase();
  const name = `${randomBytes(16).toString('hex')}${ext === '.geojson' || ext === '.json' ? ext : '.xlsx'}`;
  const dir = uploadsDirOf(wb.store.file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  copyFileSync(path, `${dir}/${name}`);
  return name;
}

/** Moves a file the core wrote into the exports folder to where the user asked for it. */
export function takeExport(wb: Workbench, name: string, out: string): void {
  const from = exportFile(wb.store.file, name);
  if (!from) throw new DomainError('not_found', `未找到导出的文件“${name}”`);
  try { renameSync(from, out); } catch { copyFileSync(from, out); rmSync(from, { force: true }); }
}

/** Removes a file the core wrote into the exports folder that the user did not ask for. */
export function discardExport(wb: Workbench, name: string): void {
  const path = exportFile(wb.store.file, name);
  if (path) rmSync(path, { force: true });
}
