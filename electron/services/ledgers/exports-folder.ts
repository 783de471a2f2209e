import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { exportsDirOfWorkspace, sealExport } from '../../store/sealed-exports';

/** The folder beside a workspace file where ledgers exported from the app are kept. */
export const exportsDirOf = exportsDirOfWorkspace;

/** A file the core just wrote into the exports folder, described (encrypted first in a protected workspace: issue 18). */
export function exportInfo(path: string): { name: string; size: number; modifiedAt: string } {
  sealExport(path);
  return describeExport(path);
}

/** Name, size and time of one exported file. */
function describeExport(path: string): { name: string; size: number; modifiedAt: string } {
  const s = statSync(path);
  return { name: basename(path), size: s.size, modifiedAt: s.mtime.toISOString() };
}

/** The exported files, newest first. */
export function listExports(workspaceFile: string, limit = 30, only?: Set<string>): { name: string; size: number; modifiedAt: string }[] {
  const dir = exportsDirOf(workspaceFile);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.xlsx') && (!only || only.has(f)))
    .map((name) => describeExport(join(dir, name)))
    .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt)).slice(0, limit);
}

/** A new file name in the exports folder: `<台账名>-<yyyymmdd-hhmmss>.xlsx`. */
export function newExportPath(workspaceFile: string, ledgerName: string): string {
  const dir = exportsDirOf(workspaceFile);
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join(dir, `${ledgerName}-${stamp}.xlsx`);
}

/** The path of an exported file (a ledger, or a sync bundle for a USB stick) named by a host request, or null when the name is not one of ours. */
export function exportFile(workspaceFile: string, name: string): string | null {
  if (name !== basename(name) || !/\.(xlsx|qsync|zip)$/.test(name)) return null;
  const path = join(exportsDirOf(workspaceFile), name);
  return existsSync(path) ? path : null;
}

