import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
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
  // Made under a temporary name and renamed: a backup interrupted halfway is never listed as whole.
  const part = join(dir, `.part-${process.pid}-${name}`);
  try {
    backupDatabase(wb.store, part);
    // Blobs never change and are written before the rows naming them: after the database, each hard-linked
    // (content-addressed files cost no space twice; a recording is gigabytes), copied where links fail.
    if (existsSync(wb.store.blobDir)) linkTree(wb.store.blobDir, blobDirOf(part));
    if (existsSync(blobDirOf(part))) renameSync(blobDirOf(part), blobDirOf(target));
    if (existsSync(keysFileOf(part))) renameSync(keysFileOf(part), keysFileOf(target));
    renameSync(part, target);
  } finally {
    for (const p of [part, keysFileOf(part), blobDirOf(part)]) rmSync(p, { recursive: true, force: true });
  }
  return listBackups(dataDir).find((b) => b.name === name)!;
}

/** Every file of `from` hard-linked (else copied) under `to`, folder by folder. */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [src, dst] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) linkTree(src, dst);
    else if (entry.isFile() && !entry.name.endsWith('.tmp')) {
      try { linkSync(src, dst); } catch { copyFileSync(src, dst); }
    }
  }
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
export function backupToRestore(dataDir: string, workspaceFile: string, from: { name?: string; upload?: string }, currentKey: Buffer | null): string {
  const file = from.name
    ? (NAME.test(from.name) ? join(backupsDirOf(dataDir), from.name) : '')
    : from.upload ? stagedUpload(workspaceFile, from.upload) ?? '' : '';
  if (!file || !existsSync(file)) throw new DomainError('not_found', '未找到要恢复的备份');
  if (isProtected(file)) {
    // In the app, only a backup this workspace's key opens (made here); another's is restored with `qingshui restore`, which asks its password.
    if (!currentKey) throw new DomainError('invalid', '这是一份加密的备份，而当前工作区未加密：请用命令行 qingshui restore 恢复（会询问该备份的密码）');
    try { assertOpenable(file, currentKey); } catch { throw new DomainError('invalid', '这份加密备份不是用本工作区的密钥加密的（来自其他工作区或已损坏）：请用命令行 qingshui restore 恢复'); }
  } else {
    // A plain copy in a protected workspace would silently drop its protection at rest.
    if (currentKey) throw new DomainError('invalid', '这份备份未加密，而当前工作区已加密：恢复后将失去加密保护，请先用命令行 qingshui restore 恢复后再设置密码');
    assertOpenable(file);
  }
  return file;
}

/** Puts a backup in the active workspace's place (already set aside by the host): database, key slots, photos. */
export function putBackupInPlace(source: string, active: string): () => void {
  copyFileSync(source, active);
  if (existsSync(keysFileOf(source))) copyFileSync(keysFileOf(source), keysFileOf(active));
  if (existsSync(blobDirOf(source))) linkTree(blobDirOf(source), blobDirOf(active));
  return () => { for (const p of [active, keysFileOf(active), blobDirOf(active)]) rmSync(p, { recursive: true, force: true }); };
}
