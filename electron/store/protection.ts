import { copyFileSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { encryptPlainBlobs, setBlobKey } from './blob-store';
import { exportsDirOfWorkspace, sealExport, setExportsKey } from './sealed-exports';
import { keysFileOf, writeSlots, type SlotFile } from './key-slots';
import { encryptInPlace, isPlainSqlite, rawDatabase } from './open';
import type { Store } from './store';

/*
 * Turning a plain workspace into a protected one (issue 18), crash-safe: the key slots are written
 * beside as `.keys.pending`, then the database is re-keyed in place (SQLite3 Multiple Ciphers re-keys
 * page by page in one transaction), the blobs and the data folder's own backups are encrypted, and the
 * pending file becomes the slot file. A crash before the re-key leaves a plain workspace (the pending
 * file is dropped at the next open); after it, the next open finishes the conversion.
 */

const pendingOf = (file: string) => `${keysFileOf(file)}.pending`;

/** Whether a workspace file is protected (its slot file exists); finishes a conversion a crash cut short. */
export function isProtected(file: string): boolean {
  const pending = pendingOf(file);
  if (existsSync(pending)) {
    if (existsSync(file) && isPlainSqlite(file)) rmSync(pending, { force: true }); // the re-key never happened
    else renameSync(pending, keysFileOf(file)); // it did: blobs are encrypted again when next opened with the key
  }
  return existsSync(keysFileOf(file));
}

/** Encrypts an open plain workspace with `key` and writes its slots. */
export function protectStore(store: Store, key: Buffer, slots: SlotFile): void {
  if (store.key) throw new Error('the workspace is protected already');
  writeSlots(store.file, slots);
  renameSync(keysFileOf(store.file), pendingOf(store.file));
  const { db } = store;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    encryptInPlace(db, key);
  } catch (e) {
    // Another connection holds the file (a command reading alongside): it stays plain for now.
    rmSync(pendingOf(store.file), { force: true });
    try { db.pragma('journal_mode = WAL'); } catch { /* still WAL */ }
    throw e;
  }
  db.pragma('journal_mode = WAL');
  store.key = key;
  finishProtection(store.file, key);
  renameSync(pendingOf(store.file), keysFileOf(store.file));
}

/**
 * What follows the re-key, also after a crash: the blobs are encrypted and the plain copies the data
 * folder holds of this workspace (backups made before a migration or a restore) are re-keyed too.
 */
export function finishProtection(file: string, key: Buffer): void {
  setBlobKey(`${file}.blobs`, key);
  encryptPlainBlobs(`${file}.blobs`);
  // What was exported before (ledgers, logs) is encrypted as what is exported from now on.
  setExportsKey(file, key);
  const exports = exportsDirOfWorkspace(file);
  if (existsSync(exports)) for (const name of readdirSync(exports)) if (!name.endsWith('.tmp')) sealExport(join(exports, name));
  const dir = dirname(file);
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(`${basename(file)}.before-`) || !name.endsWith('.bak')) continue;
    const bak = join(dir, name);
    if (!isPlainSqlite(bak)) continue;
    const db = rawDatabase(bak);
    try { encryptInPlace(db, key); } finally { db.close(); }
  }
  protectSetAside(file, key, 'workspaces');
  // Backups made in the app (设置 → 备份与恢复, issue 20) before protection are re-keyed the same way.
  protectSetAside(file, key, 'backups');
}

/**
 * The workspaces set aside in this data folder before it was protected (工作区切换 → `workspaces/`) are
 * encrypted with the same key and given a copy of its slots (the same accounts and recovery code open
 * them), each crash-safe as above: a copy of the data folder reveals none of them either. Opened again,
 * such a workspace is unsealed by one of those passwords; its own accounts then sign in as before and
 * get slots of their own.
 */
function protectSetAside(file: string, key: Buffer, folder: 'workspaces' | 'backups'): void {
  const archive = join(dirname(file), folder);
  const slots = existsSync(pendingOf(file)) ? pendingOf(file) : keysFileOf(file);
  if (!existsSync(archive) || !existsSync(slots)) return;
  for (const name of readdirSync(archive)) {
    const aside = join(archive, name);
    if (!name.endsWith('.qingshui') || isProtected(aside) || !isPlainSqlite(aside)) continue;
    copyFileSync(slots, pendingOf(aside));
    const db = rawDatabase(aside);
    try { encryptInPlace(db, key); } finally { db.close(); }
    setBlobKey(`${aside}.blobs`, key);
    encryptPlainBlobs(`${aside}.blobs`);
    renameSync(pendingOf(aside), keysFileOf(aside));
  }
}
