import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder where a host puts a file the user named (a sheet, a GeoJSON) for a procedure to read by
 * name: procedures never take a path, so a page can make the core read nothing but what was handed in.
 */
export function uploadsDirOf(workspaceFile: string): string {
  return join(dirname(workspaceFile), 'uploads');
}

const KINDS = ['.xlsx', '.geojson', '.json', '.qsync'];

/** The files a page may hand in by streaming them to the host (issue 19: a recording is too large for a form's base64). */
export const STREAMED_KINDS = ['.mp4', '.mov', '.m4a', '.mp3', '.aac', '.wav', '.pdf', '.xlsx', '.qingshui', '.mbtiles'];

/** A sheet handed in to be imported (issue 20: never read into the page): the import's own checks bound what it reads. */
export const MAX_STREAMED_SHEET_BYTES = 200 * 1024 * 1024;

/** The largest file handed in that way: an hour of 1080p 执法记录仪 video is about 4 GB. */
export const MAX_STREAMED_BYTES = 8 * 1024 ** 3;

/** A new staged upload's name and path (the folder made if need be): a random name keeping a known kind's ending, else `.xlsx`. */
export function newStagedUpload(workspaceFile: string, ext: string): { name: string; path: string } {
  const dir = uploadsDirOf(workspaceFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = `${randomBytes(16).toString('hex')}${KINDS.includes(ext) || STREAMED_KINDS.includes(ext) ? ext : '.xlsx'}`;
  return { name, path: join(dir, name) };
}

/** The path of a staged upload by its name (null: not a name a host gives, or gone). */
export function stagedUpload(workspaceFile: string, name: string): string | null {
  if (!/^[0-9a-f]{32}\.(xlsx|geojson|json|qsync|mp4|mov|m4a|mp3|aac|wav|pdf|qingshui|mbtiles)$/.test(name)) return null;
  const path = join(uploadsDirOf(workspaceFile), name);
  return existsSync(path) ? path : null;
}

const DAY_MS = 24 * 3600 * 1000;

/** Removes staged uploads older than a day (a page that never made its call, a program killed mid-call); returns how many. */
export function sweepUploads(workspaceFile: string, now = Date.now()): number {
  const dir = uploadsDirOf(workspaceFile);
  let n = 0;
  for (const old of existsSync(dir) ? readdirSync(dir) : []) {
    try { if (now - statSync(join(dir, old)).mtimeMs > DAY_MS) { rmSync(join(dir, old), { force: true }); n++; } } catch { /* gone meanwhile */ }
  }
  return n;
}

/**
 * The procedure a streamed upload of a kind is for, whose permission it needs (issue 20): a sheet is
 * imported, a backup restored, a basemap set; recordings and scans go with any record's evidence.
 */
export function uploadProcedure(kind: string): string {
  return ({ '.xlsx': 'ledgers.import', '.qingshui': 'workspaces.restore', '.mbtiles': 'map.setBasemap' } as Record<string, string>)[kind] ?? 'ledgers.exports';
}
