import { existsSync } from 'node:fs';
import { DomainError } from '../../shared/api/result';
import { blobDirOf, setBlobKey } from './blob-store';
import { readSlots, writeSlots } from './key-slots';
import type { Store } from './store';
import { openDatabase, rawDatabase } from './open';
import { verifyWorkspace, type VerifyReport } from './verify-records';
import { storedSetting } from './settings';

/*
 * A workspace database as a file: checked, summarised, backed up or put aside, without opening the
 * workbench on it (which would migrate it and seed templates).
 */

/** Every page and index checked (SQLite's integrity_check); a file that is not a workspace is refused. */
export function integrityProblems(file: string, key: Buffer | null = null): string[] {
  const db = openDatabase(file, { create: false, verify: true, key });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((r) => r !== 'ok');
  } finally {
    db.close();
  }
}

/** Refuses a file that is not a workspace this program can open (foreign, corrupt or newer). */
export function assertOpenable(file: string, key: Buffer | null = null): void {
  openDatabase(file, { create: false, verify: true, key }).close();
}

/** Folds the WAL into the file so that the file alone is the whole workspace. */
export function checkpoint(file: string, key: Buffer | null = null): void {
  if (!existsSync(file)) return;
  const db = openDatabase(file, { create: false, key });
  try { db.pragma('wal_checkpoint(TRUNCATE)'); } finally { db.close(); }
}

/** Makes the file self-contained (no -wal/-shm beside it), to be moved or archived. */
export function makeSingleFile(file: string, key: Buffer | null = null): void {
  const db = rawDatabase(file, {}, key);
  try { db.pragma('journal_mode = DELETE'); } finally { db.close(); }
}

/** Who a workspace file belongs to and how big it is, for the list of workspaces. */
export function summariseWorkspaceFile(file: string, key: Buffer | null = null): { bureauName: string; countyName: string; enterprises: number } {
  const db = rawDatabase(file, { readonly: true, fileMustExist: true }, key);
  try {
    return {
      bureauName: storedSetting(db, 'bureauName'), countyName: storedSetting(db, 'countyName'),
      enterprises: db.prepare('SELECT count(*) FROM enterprises WHERE deleted_at IS NULL').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

/**
 * Writes a consistent copy of an open workspace (VACUUM INTO reads one snapshot: safe while it is in
 * use). A protected workspace's copy is encrypted with the same key, its key slots written beside it.
 */
export function backupDatabase(store: Store, target: string): void {
  if (existsSync(target)) throw new DomainError('conflict', `备份文件“${target}”已存在，请换一个文件名`);
  const slots = store.key ? readSlots(store.file) : null;
  if (slots) writeSlots(target, slots);
  store.db.prepare('VACUUM INTO ?').run(target);
}

/**
 * Every signed record, chain link, photo, signature and checklist version of a workspace file checked
 * against its SHA-256, without opening the workbench on it: nothing is seeded or written first, so
 * what was removed or altered is reported as it is.
 */
export function verifyWorkspaceFile(file: string, key: Buffer | null = null): VerifyReport & { seconds: number } {
  const db = openDatabase(file, { create: false, key });
  if (key) setBlobKey(blobDirOf(file), key);
  try {
    const started = performance.now();
    const report = verifyWorkspace(db, blobDirOf(file));
    return { ...report, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) };
  } finally {
    db.close();
  }
}
