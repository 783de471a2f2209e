import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder where a host puts a file the user named (a sheet, a GeoJSON) for a procedure to read by
 * name: procedures never take a path, so a page can make the core read nothing but what was handed in.
 */
export function uploadsDirOf(workspaceFile: string): string {
  return join(dirname(workspaceFile), 'uploads');
}

/** The path of a staged upload by its name (null: not a name a host gives, or gone). */
export function stagedUpload(workspaceFile: string, name: string): string | null {
  if (!/^[0-9a-f]{32}\.(xlsx|geojson|json|qsync)$/.test(name)) return null;
  const path = join(uploadsDirOf(workspaceFile), name);
  return existsSync(path) ? path : null;
}
