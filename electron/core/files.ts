import { readFileSync } from 'node:fs';
import { exportFile } from '../services/ledgers/index';
import { basemapOf, tileMime } from '../services/map/index';
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
