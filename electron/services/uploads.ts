import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder where a host puts a file the user named (a sheet, a GeoJSON) for a procedure to read by
 * name: procedures never take a path, so a page can make the core read nothing but what was handed in.
 */
export function uploadsDirOf(workspaceFile: string): string {
  return join(dirname(workspaceFile), 'uploads');
}

const KINDS = ['.xlsx', '.geojson', '.json', '.qsync'];

/** A new staged upload's name and path (the folder made if need be): a random name keeping a known kind's ending, else `.xlsx`. */
export function newStagedUpload(workspaceFile: string, ext: string): { name: string; path: string } {
  const dir = uploadsDirOf(workspaceFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = `${randomBytes(16).toString('hex')}${KINDS.includes(ext) ? ext : '.xlsx'}`;
  return { name, path: join(dir, name) };
}

/** The path of a staged upload by its name (null: not a name a host gives, or gone). */
export function stagedUpload(workspaceFile: string, name: string): string | null {
  if (!/^[0-9a-f]{32}\.(xlsx|geojson|json|qsync)$/.test(name)) return null;
  const path = join(uploadsDirOf(workspaceFile), name);
  return existsSync(path) ? path : null;
}
