import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { DomainError } from '../../shared/api/result';
import { registerFunctions } from './functions';
import { SORT_KEY_INDEXES } from './migrations/0040-pinyin-order';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/index';
import { collationRuntime, sortKeyVersion } from './sort-key';
import { keyPragma } from './cipher';

const SQLITE_HEADER = 'SQLite format 3\0';

/** In the desktop (dev), better-sqlite3 built for Electron's ABI, set by scripts/start-electron.mjs. */
function bindingOptions(): { nativeBinding?: string } {
  const binding = process.env.QINGSHUI_SQLITE_BINDING;
  return binding ? { nativeBinding: binding } : {};
}

/**
 * A connection with no pragmas and no migrations, for peeking at or converting a closed file; with
 * `key`, an encrypted one (SQLCipher 4 scheme: the standard `sqlcipher` tool opens it with the key).
 */
export function rawDatabase(file: string, options: Database.Options = {}, key?: Buffer | null): Database.Database {
  const db = new Database(file, { ...options, ...bindingOptions() });
  if (key) applyKey(db, key);
  registerFunctions(db);
  return db;
}

/** Sets the cipher and key on a new connection (before anything reads the file). */
export function applyKey(db: Database.Database, key: Buffer): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(keyPragma(key));
}

/** Encrypts an open plain database in place with `key` (it is left in DELETE journal mode). */
export function encryptInPlace(db: Database.Database, key: Buffer): void {
  db.pragma('journal_mode = DELETE'); // SQLite3 Multiple Ciphers re-keys only outside WAL mode
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(keyPragma(key).replace(/^key/, 'rekey'));
}

/** Whether a file is a plain SQLite database (an encrypted one starts with random salt). */
export function isPlainSqlite(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    return readSync(fd, buf, 0, 16, 0) === 16 && buf.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}
export const APP_ID = 'qingshui';

/** Refuses anything that is not an SQLite file, without writing to it. */
function assertSqliteHeader(file: string): void {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    if (n > 0 && buf.toString('latin1', 0, n) !== SQLITE_HEADER.slice(0, n)) {
      throw new DomainError('invalid', `文件“${file}”不是清水工作区数据库（文件头不符），已拒绝打开，文件未作任何修改`);
    }
    if (n > 0 && n < 16) throw new DomainError('invalid', `文件“${file}”已损坏（长度不足），已拒绝打开`);
  } finally {
    closeSync(fd);
  }
}

/** Whether the file header says WAL mode (bytes 18–19 = 2), as our own live workspaces are. */
function isWalFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(2);
    return readSync(fd, buf, 0, 2, 18) === 2 && buf[0] === 2 && buf[1] === 2;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads an existing file read-only and says whether it is ours, empty, or foreign/corrupt.
 * The full page check (quick_check, ~0.4 s at 150 MB) runs when asked, and before anything would
 * change the file's structure: a migration, or a file not in our WAL mode (a copy, a restore).
 */
function inspect(file: string, verify: boolean, key: Buffer | null): { version: number } {
  if (!key) assertSqliteHeader(file);
  else if (isPlainSqlite(file)) throw new DomainError('invalid', `工作区“${file}”有密钥文件，数据库却是未加密的：文件可能被替换，已拒绝打开，文件未作任何修改`);
  let probe: Database.Database | undefined;
  try {
    probe = rawDatabase(file, { readonly: true, fileMustExist: true }, key);
    const version = probe.pragma('user_version', { simple: true }) as number;
    const tables = probe.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
    if (tables.length === 0) return { version: 0 };
    const app = tables.includes('meta') ? probe.prepare("SELECT value FROM meta WHERE key = 'app'").pluck().get() : undefined;
    if (app !== APP_ID) throw new DomainError('invalid', `文件“${file}”是其他程序的数据库，不是清水工作区，已拒绝打开，文件未作任何修改`);
    const wal = key ? probe.pragma('journal_mode', { simple: true }) === 'wal' : isWalFile(file);
    const check = verify || version < LATEST_SCHEMA_VERSION || !wal ? probe.pragma('quick_check', { simple: true }) : 'ok';
    if (check !== 'ok') throw new DomainError('invalid', `工作区数据库“${file}”已损坏（${String(check)}），已拒绝打开；请从备份恢复`);
    return { version };
  } catch (e) {
    if (e instanceof DomainError) throw e;
    if (key && /not a database/.test((e as Error).message)) throw new DomainError('unauthenticated', `工作区数据库“${file}”无法用此密钥解开（密钥不对，或文件已损坏），已拒绝打开`);
    throw new DomainError('invalid', `无法读取工作区数据库“${file}”：${(e as Error).message}。文件可能已损坏，已拒绝打开`);
  } finally {
    probe?.close();
  }
}

/**
 * Opens (or creates) a workspace database: checks it is ours, refuses one written by a newer app,
 * backs it up with VACUUM INTO and runs pending migrations in one transaction.
 */
export function openDatabase(file: string, opts: { create: boolean; verify?: boolean; key?: Buffer | null }): Database.Database {
  const exists = existsSync(file);
  if (!exists && !opts.create) throw new DomainError('not_found', `工作区数据库“${file}”不存在`);
  const key = opts.key ?? null;
  const { version } = exists ? inspect(file, opts.verify ?? false, key) : { version: 0 };
  if (version > LATEST_SCHEMA_VERSION) {
    throw new DomainError('invalid', `工作区数据库由较新版本的清水创建（结构版本 ${version}，本程序支持到 ${LATEST_SCHEMA_VERSION}），请升级程序后再打开`);
  }
  const db = new Database(file, bindingOptions());
  try {
    if (key) applyKey(db, key);
    registerFunctions(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL'); // records are legal documents
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536'); // 64 MiB of pages: a county's records stay in memory
    if (version < LATEST_SCHEMA_VERSION) {
      if (version > 0) db.prepare('VACUUM INTO ?').run(`${file}.before-v${LATEST_SCHEMA_VERSION}-${Date.now()}.bak`);
      const pending = migrations.filter((m) => m.version > version);
      db.transaction(() => {
        for (const m of pending) m.up(db);
        if (version === 0) db.prepare("INSERT INTO meta(key, value) VALUES ('app', ?)").run(APP_ID);
        db.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
      })();
    }
    keepSortKeysCurrent(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Rebuilds the pinyin-order indexes when this runtime's collation differs from the one that built
 * them. The ranking (≈30 ms to build) is only computed when the ICU version differs from the one
 * recorded beside its hash.
 */
function keepSortKeysCurrent(db: Database.Database): void {
  const meta = (key: string) => db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  const setMeta = (key: string, value: string) => db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  const stored = meta('sortKeyVersion');
  if (stored && meta('sortKeyRuntime') === `${collationRuntime()}|${stored}`) return;
  const current = sortKeyVersion();
  db.transaction(() => {
    if (stored !== current) for (const index of SORT_KEY_INDEXES) db.exec(`REINDEX ${index}`);
    setMeta('sortKeyVersion', current);
    setMeta('sortKeyRuntime', `${collationRuntime()}|${current}`);
  })();
}
