import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../shared/api/result';
import { blobDirOf } from '../store/blob-store';
import { keysFileOf } from '../store/key-slots';
import { isProtected } from '../store/protection';
import { readSettings } from '../store/settings';
import { assertOpenable, backupDatabase } from '../store/workspace-file';
import { stagedUpload } from '../services/uploads';
import type { Workbench } from './workbench';

/*
 * 备份与恢复 in the app (issue 20), the same backups as `qingshui backup`: the database copied online
 * (VACUUM INTO, its key slots beside it when protected), its photos and signatures in FILE.blobs/. Kept
 * in the data folder's backups/, one a day made by itself and pruned after the days the bureau sets.
 */

export const BACKUPS = 'backups';
const NAME = /^清水备份-(\d{8}-\d{6})(-auto)?\.qingshui$/;
const DAY_MS = 24 * 3600 * 1000;

export type BackupEntry = { name: string; at: string; size: number; auto: boolean; photos: boolean };

const stamp = (d = new Date()) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
};

export function backupsDirOf(dataDir: string): string {
  return join(dataDir, BACKUPS);
}

/** The backups kept in the data folder, newest first. */
export function listBackups(dataDir: string): BackupEntry[] {
  const dir = backupsDirOf(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => NAME.test(f)).map((name) => {
    const st = statSync(join(dir, name));
    return { name, at: st.mtime.toISOString(), size: st.size, auto: name.includes('-auto'), photos: existsSync(blobDirOf(join(dir, name))) };
  }).sort((a, b) => b.name.localeCompare(a.name));
}

/** Backs the open workspace up into backups/ now; returns what was written. */
export function makeBackup(wb: Workbench, dataDir: string, auto = false): BackupEntry {
  const dir = backupsDirOf(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = `清水备份-${stamp()}${auto ? '-auto' : ''}.qingshui`;
  const target = join(dir, name);
  if (existsSync(target)) throw new DomainError('conflict', '一秒内只能备份一次，请稍后再试');
  backupDatabase(wb.store, target);
  // Blobs never change and are written before the rows naming them: copied after the database.
  if (existsSync(wb.store.blobDir)) cpSync(wb.store.blobDir, blobDirOf(target), { recursive: true });
  return listBackups(dataDir).find((b) => b.name === name)!;
}

/** Removes automatic backups older than `keepDays` (the bureau's own backups are kept until removed). */
export function pruneBackups(dataDir: string, keepDays: number, now = Date.now()): number {
  let n = 0;
  for (const b of listBackups(dataDir)) {
    if (!b.auto || now - Date.parse(b.at) <= keepDays * DAY_MS) continue;
    const file = join(backupsDirOf(dataDir), b.name);
    for (const p of [file, keysFileOf(file), blobDirOf(file)]) rmSync(p, { recursive: true, force: true });
    n++;
  }
  return n;
}

/** The daily backup: made when the newest is more than a day old (`backupKeepDays` 0: never), old ones pruned. */
export function dailyBackup(wb: Workbench, dataDir: string): BackupEntry | null {
  const keepDays = readSettings(wb.store.db).backupKeepDays;
  if (!keepDays) return null;
  const newest = listBackups(dataDir)[0];
  const made = !newest || Date.now() - Date.parse(newest.at) > DAY_MS ? makeBackup(wb, dataDir, true) : null;
  pruneBackups(dataDir, keepDays);
  return made;
}

/**
 * Where a backup to restore is: one of backups/ by name, or a workspace file handed in (streamed to the
 * uploads folder). It must be a workspace this app opens (a protected one is opened at the next sign-in).
 */
export function backupToRestore(dataDir: string, workspaceFile: string, from: { name?: string; upload?: string }): string {
  const file = from.name
    ? (NAME.test(from.name) ? join(backupsDirOf(dataDir), from.name) : '')
    : from.upload ? stagedUpload(workspaceFile, from.upload) ?? '' : '';
  if (!file || !existsSync(file)) throw new DomainError('not_found', '未找到要恢复的备份');
  if (!isProtected(file)) assertOpenable(file);
  return file;
}

/** Puts a backup in the active workspace's place (already set aside by the host): database, key slots, photos. */
export function putBackupInPlace(source: string, active: string): () => void {
  copyFileSync(source, active);
  if (existsSync(keysFileOf(source))) copyFileSync(keysFileOf(source), keysFileOf(active));
  if (existsSync(blobDirOf(source))) cpSync(blobDirOf(source), blobDirOf(active), { recursive: true });
  return () => { for (const p of [active, keysFileOf(active), blobDirOf(active)]) rmSync(p, { recursive: true, force: true }); };
}
