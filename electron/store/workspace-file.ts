import { existsSync } from 'node:fs';
import { DomainError } from '../../shared/api/result';
import { blobDirOf } from './blob-store';
import { openDatabase, rawDatabase } from './open';
import { verifyWorkspace, type VerifyReport } from './verify-records';
import { storedSetting } from './settings';

/*
 * A workspace database as a file: checked, summarised, backed up or put aside, without opening the
 * workbench on it (which would migrate it and seed templates).
 */

/** Every page and index checked (SQLite's integrity_check); a file that is not a workspace is refused. */
export function integrityProblems(file: string): string[] {
  const db = openDatabase(file, { create: false, verify: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((r) => r !== 'ok');
  } finally {
    db.close();
  }
}

/** Refuses a file that is not a workspace this program can open (foreign, corrupt or newer). */
export function assertOpenable(file: string): void {
  openDatabase(file, { create: false, verify: true }).close();
}

/** Folds the WAL into the file so that the file alone is the whole workspace. */
export function checkpoint(file: string): void {
  if (!existsSync(file)) return;
  const db = openDatabase(file, { create: false });
  try { db.pragma('wal_checkpoint(TRUNCATE)'); } finally { db.close(); }
}

/** Makes the file self-contained (no -wal/-shm beside it), to be moved or archived. */
export function makeSingleFile(file: string): void {
  const db = rawDatabase(file);
  try { db.pragma('journal_mode = DELETE'); } finally { db.close(); }
}

/** Who a workspace file belongs to and how big it is, for the list of workspaces. */
export function summariseWorkspaceFile(file: string): { bureauName: string; countyName: string; enterprises: number } {
  const db = rawDatabase(file, { readonly: true, fileMustExist: true });
  try {
    return {
      bureauName: storedSetting(db, 'bureauName'), countyName: storedSetting(db, 'countyName'),
      enterprises: db.prepare('SELECT count(*) FROM enterprises WHERE deleted_at IS NULL').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

/** Writes a consistent copy of an open workspace (SQLite's online backup: safe while it is in use). */
export async function backupDatabase(db: import('better-sqlite3').Database, target: string): Promise<void> {
  if (existsSync(target)) throw new DomainError('conflict', `备份文件“${target}”已存在，请换一个文件名`);
  await db.backup(target);
}

/**
 * Every signed record, chain link, photo, signature and checklist version of a workspace file checked
 * against its SHA-256, without opening the workbench on it: nothing is seeded or written first, so
 * what was removed or altered is reported as it is.
 */
export function verifyWorkspaceFile(file: string): VerifyReport & { seconds: number } {
  const db = openDatabase(file, { create: false });
  try {
    const started = performance.now();
    const report = verifyWorkspace(db, blobDirOf(file));
    return { ...report, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) };
  } finally {
    db.close();
  }
}
