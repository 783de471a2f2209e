import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceFile } from '../../electron/core/workbench';
import { LATEST_SCHEMA_VERSION, migrations } from '../../electron/store/migrations/index';
import { openDatabase } from '../../electron/store/open';
import { openStore } from '../../electron/store/store';
import { REGION } from '../../electron/store/entities';
import { openWorkbench, tempDir } from './helpers';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('opening a workspace database', () => {
  it('rebuilds the pinyin-order indexes when the collation that built them differs', () => {
    const file = join(tempDir(), 'w.qingshui');
    let store = openStore(file);
    const current = store.db.prepare("SELECT value FROM meta WHERE key = 'sortKeyVersion'").pluck().get();
    expect(current).toMatch(/^[0-9a-f]{16}$/);
    store.db.prepare("UPDATE meta SET value = 'other-icu' WHERE key = 'sortKeyVersion'").run();
    store.close();
    store = openStore(file);
    expect(store.db.prepare("SELECT value FROM meta WHERE key = 'sortKeyVersion'").pluck().get()).toBe(current);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
  });

  it('sets WAL, synchronous=FULL, foreign keys, and the latest schema version', () => {
    const store = openStore(join(tempDir(), 'w.qingshui'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const tables = store.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE '%fts%' AND name NOT LIKE '%chars%' AND name NOT GLOB '*_py_*'").all() as { name: string; sql: string }[];
    for (const t of tables) expect(t.sql, `${t.name} is STRICT`).toMatch(/STRICT$/);
    store.close();
  });

  it('keeps the live schema equal to its snapshot (schema changes are deliberate)', async () => {
    const store = openStore(join(tempDir(), 'w.qingshui'));
    const schema = (store.db.prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type, name").pluck().all() as string[]).join(';\n\n');
    store.close();
    await expect(schema + ';\n').toMatchFileSnapshot('../fixtures/schema.sql');
  });

  it('refuses a database from a newer app without touching it', () => {
    const file = join(tempDir(), 'w.qingshui');
    openStore(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = sha(file);
    expect(() => openStore(file)).toThrow(/较新版本/);
    expect(sha(file)).toBe(before);
  });

  it('refuses a foreign SQLite database without modifying it', () => {
    const file = join(tempDir(), 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices VALUES (1, 9.5);');
    db.close();
    const before = sha(file);
    expect(() => openStore(file)).toThrow(/其他程序的数据库/);
    expect(sha(file)).toBe(before);
    expect(readdirSync(join(file, '..'))).toEqual(['other.db']);
  });

  it('refuses a file that is not SQLite, and a corrupt one, without modifying them', () => {
    const dir = tempDir();
    const text = join(dir, 'a.qingshui');
    writeFileSync(text, '序号,单位名称\n1,清水县某公司\n');
    expect(() => openStore(text)).toThrow(/不是清水工作区数据库/);
    expect(readFileSync(text, 'utf8')).toContain('单位名称');

    const good = join(dir, 'b.qingshui');
    const s = openStore(good);
    for (let i = 0; i < 200; i++) s.write(REGION, `r${i}`, { name: `村委会${i}`.repeat(20), level: 'village', parentCode: null }, 'system');
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.db.pragma('journal_mode = DELETE');
    s.close();
    const bytes = readFileSync(good);
    for (let i = 4096 * 3; i < bytes.length; i += 1024) bytes[i] ^= 0xff; // scribble over data pages
    writeFileSync(good, bytes);
    const before = sha(good);
    expect(() => openStore(good)).toThrow(/损坏|无法读取/);
    expect(sha(good)).toBe(before);
    expect(() => openDatabase(good, { create: false, verify: true })).toThrow(/损坏|无法读取/);
    expect(sha(good)).toBe(before);
  });

  it('checks every page of its own live WAL file only when asked, and refuses corruption then', () => {
    const file = join(tempDir(), 'w.qingshui');
    const s = openStore(file);
    for (let i = 0; i < 300; i++) s.write(REGION, `r${i}`, { name: `村委会${i}`.repeat(20), level: 'village', parentCode: null }, 'system');
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.close();
    const bytes = readFileSync(file);
    for (let i = 4096 * 4; i < bytes.length; i += 512) bytes[i] ^= 0xff;
    writeFileSync(file, bytes);
    expect(() => openDatabase(file, { create: false, verify: true })).toThrow(/损坏/);
  });

  it('migrates an older database in one step, taking a backup copy first', () => {
    const dir = tempDir();
    const file = join(dir, 'w.qingshui');
    const db = new Database(file);
    db.transaction(() => {
      migrations[0].up(db);
      db.prepare("INSERT INTO meta(key, value) VALUES ('app', 'qingshui')").run();
      db.pragma(`user_version = ${migrations[0].version}`);
    })();
    db.close();
    const store = openStore(file);
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(store.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'enterprises_fts'").pluck().get()).toBe(1);
    store.close();
    const backups = readdirSync(dir).filter((f) => f.includes('.before-v'));
    expect(backups).toHaveLength(1);
    const old = new Database(join(dir, backups[0]), { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(migrations[0].version);
    old.close();
  });

  it('uses its indexes for town filters and name order (EXPLAIN QUERY PLAN)', () => {
    const wb = openWorkbench();
    const plan = (sql: string) => (wb.store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT id FROM enterprises e WHERE e.town_code = 'x' ORDER BY e.name_key")).toContain('enterprises_town_name_key');
    expect(plan('SELECT id FROM enterprises e WHERE e.deleted_at IS NULL ORDER BY e.name_key LIMIT 100')).toContain('enterprises_name_key');
    expect(plan('SELECT id FROM enterprises e WHERE e.deleted_at IS NULL ORDER BY e.name_key LIMIT 100')).not.toContain('TEMP B-TREE');
    expect(plan("SELECT id FROM outfalls WHERE code = 'x' AND deleted_at IS NULL")).toContain('outfalls_code');
    expect(workspaceFile(wb.dataDir)).toBe(wb.store.file);
  });

  it('answers the closed loop from its indexes: a list page, 超期, 反弹, the dashboard pass, the event log', () => {
    const wb = openWorkbench();
    const plan = (sql: string) => (wb.store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM findings f WHERE f.deleted_at IS NULL AND f.state = 'open' ORDER BY f.found_at DESC LIMIT 100")).toContain('findings_state_found');
    expect(plan("SELECT count(*) FROM findings f WHERE f.deleted_at IS NULL AND f.state IN ('open', 'rectifying') AND f.deadline < '2026-01-01'")).toContain('COVERING INDEX findings_state_deadline');
    expect(plan('SELECT * FROM findings f WHERE f.deleted_at IS NULL AND f.reopen_count > 0 ORDER BY f.found_at DESC LIMIT 100')).toContain('findings_reopened');
    expect(plan("SELECT town_code, watershed_id, industry_section, source_kind, state, deadline < '2026-01-01', reopen_count > 0, recheck_due <= '2026-01-01', count(*) FROM findings WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8")).toContain('COVERING INDEX findings_dashboard');
    expect(plan("SELECT * FROM record_events WHERE stream = 'finding' AND stream_id = 'x' ORDER BY hlc")).toContain('record_events_stream');
  });
});
