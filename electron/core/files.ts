import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { DomainError } from '../../shared/api/result';
import { exportFile } from '../services/ledgers/index';
import { basemapOf, tileMime } from '../services/map/index';
import { newStagedUpload, sweepUploads } from '../services/uploads';
import { isEncryptedFile } from '../store/cipher';
import { openExport } from '../store/sealed-exports';
import { filesExportedBy } from '../store/audit-log';
import type { Session, Workbench } from './workbench';

export { storedFileAnswer } from './stored-file';

/*
 * The files a host serves beside the procedures' answers: stored photos and signatures (by SHA-256),
 * basemap tiles and the exports folder's ledgers and bundles. Each answer names its type.
 */

export { tileOfPath } from '../services/map/index';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A tile of the workspace's offline basemap (null: outside the package, or no basemap). */
export function basemapTile(wb: Workbench, z: number, x: number, y: number): { bytes: Buffer; mime: string } | null {
  const { tiles } = basemapOf(wb.store);
  const bytes = tiles?.tile(z, x, y);
  return bytes && tiles ? { bytes, mime: tileMime(tiles.info.format) } : null;
}

/** A ledger or bundle in the workspace's exports folder, by its bare name (a town officer: one they exported). */
export function exportedFile(wb: Workbench, name: string, session?: Session): { bytes: Buffer; mime: string } | null {
  const user = (session ?? wb.ctx.session).user;
  if (user?.role === 'town' && (name.endsWith('.qsync') || !filesExportedBy(wb.store.db, user.account).has(name))) return null;
  const path = exportFile(wb.store.file, name);
  const bytes = path && openExport(path);
  return bytes ? { bytes, mime: name.endsWith('.qsync') ? 'application/octet-stream' : name.endsWith('.zip') ? 'application/zip' : XLSX } : null;
}

/**
 * Hands a file the user named on this computer to the core for one call: copied into the workspace's
 * uploads folder under a random name, which is what the procedure (`ledgers.import`,
 * `map.importBoundaries`) is given; removed afterwards whatever happens. Copies left by a program
 * killed mid-call are swept the next time (after a day).
 */
export async function withStagedUpload<T>(wb: Workbench, path: string, fn: (name: string) => Promise<T>): Promise<T> {
  if (!existsSync(path)) throw new DomainError('not_found', `文件“${path}”不存在`);
  sweepUploads(wb.store.file);
  const { name, path: staged } = newStagedUpload(wb.store.file, extname(path).toLowerCase());
  try {
    copyFileSync(path, staged);
    return await fn(name);
  } finally {
    rmSync(staged, { force: true });
  }
}


/**
 * Moves a file the core wrote into the exports folder to where the user asked for it: renamed, or
 * (another disk, a USB stick) copied to a temporary name beside the target and renamed there, so a
 * stick pulled mid-copy never leaves a half file under the target's name. On failure the file is
 * not left in the exports folder either.
 */
export function takeExport(wb: Workbench, name: string, out: string): void {
  const from = exportFile(wb.store.file, name);
  if (!from) throw new DomainError('not_found', `未找到导出的文件“${name}”`);
  try {
    const plain = openExport(from);
    if (!plain) throw new Error('导出的文件无法解密');
    if (isEncryptedFile(readFileSync(from))) {
      // Kept encrypted in the workspace's folder (issue 18): written out plain where the person asked.
      const part = `${out}.${randomBytes(4).toString('hex')}.part`;
      try { writeFileSync(part, plain, { mode: 0o600 }); renameSync(part, out); } finally { rmSync(part, { force: true }); }
      rmSync(from, { force: true });
      return;
    }
    try {
      renameSync(from, out);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      const part = `${out}.${randomBytes(4).toString('hex')}.part`;
      try { copyFileSync(from, part); renameSync(part, out); } finally { rmSync(part, { force: true }); }
      rmSync(from, { force: true });
    }
  } catch (e) {
    rmSync(from, { force: true });
    throw new DomainError('invalid', `无法写入“${out}”：${(e as Error).message}`);
  }
}

/** Removes a file the core wrote into the exports folder that the user did not ask for. */
export function discardExport(wb: Workbench, name: string): void {
  const path = exportFile(wb.store.file, name);
  if (path) rmSync(path, { force: true });
}
