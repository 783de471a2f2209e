import type { Database } from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { createClock, type Clock } from '../../shared/sync/hlc';
import { blobDirOf, setBlobKey } from './blob-store';
import { setExportsKey } from './sealed-exports';
import { openDatabase } from './open';
import { writeRecord, type EntityTable, type WriteContext, type WriteOptions, type WriteResult } from './write-path';

export type Store = {
  db: Database;
  file: string;
  nodeId: string;
  clock: Clock;
  /** The folder of this workspace's blobs (photos, signatures). */
  blobDir: string;
  /** The workspace key when the workspace is protected at rest (issue 18), else null. */
  key: Buffer | null;
  /** Writes fields of one record and its change record, in one transaction. */
  write(spec: EntityTable, id: string, fields: Record<string, unknown>, author: string, opts?: WriteOptions): WriteResult;
  /** How many writes changed something since the store was opened (for change notices). */
  writeCount(): number;
  /** Runs `fn` in one transaction (nested writes join it). */
  transaction<T>(fn: () => T): T;
  /**
   * Runs `fn` in one transaction whose commit does not wait for the disk (synchronous = NORMAL):
   * only for what the hub also holds (a page of a sync). A power cut may lose it, never corrupt it,
   * and the next sync brings it again. Local writes stay synchronous = FULL.
   */
  replicaTransaction<T>(fn: () => T): T;
  /**
   * Makes every committed transaction durable before telling the hub what this laptop holds: one small
   * write committed with synchronous = FULL syncs the write-ahead log, and with it every page before.
   */
  flush(): void;
  /** Takes the node id the hub assigned: this node's unsent changes are renumbered under it. */
  renameNode(nodeId: string): void;
  close(): void;
};

/** The local node id: random until a hub assigns one at enrolment. */
function nodeIdOf(db: Database): string {
  const existing = db.prepare("SELECT value FROM meta WHERE key = 'nodeId'").pluck().get() as string | undefined;
  if (existing) return existing;
  const id = randomBytes(8).toString('hex');
  db.prepare("INSERT INTO meta(key, value) VALUES ('nodeId', ?)").run(id);
  return id;
}

/** Opens a workspace database file, ready for reads and writes through the write path. */
export function openStore(file: string, opts: { create: boolean; key?: Buffer | null } = { create: true }): Store {
  const db = openDatabase(file, opts);
  if (opts.key) { setBlobKey(blobDirOf(file), opts.key); setExportsKey(file, opts.key); }
  const ctx = nodeContext(db, nodeIdOf(db));
  let writes = 0;
  const store: Store = {
    db, file, nodeId: ctx.nodeId, clock: ctx.clock, blobDir: blobDirOf(file), key: opts.key ?? null,
    write: (spec, id, fields, author, opts) => {
      const result = writeRecord(ctx, spec, id, fields, author, opts);
      if (result.hlc) writes++;
      return result;
    },
    writeCount: () => writes,
    // IMMEDIATE: a write transaction takes the write lock first, so what it reads is what it writes over.
    transaction: (fn) => db.transaction(fn).immediate(),
    replicaTransaction: (fn) => {
      if (db.inTransaction) return db.transaction(fn)();
      const level = db.pragma('synchronous', { simple: true }) as number;
      db.pragma('synchronous = NORMAL');
      try { return db.transaction(fn).immediate(); } finally { db.pragma(`synchronous = ${level}`); }
    },
    flush: () => {
      if (db.inTransaction) throw new Error('flush() inside a transaction would not reach the disk');
      db.prepare("INSERT INTO meta (key, value) VALUES ('flushedAt', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(new Date().toISOString());
    },
    renameNode: (nodeId) => {
      db.transaction(() => {
        db.prepare("UPDATE meta SET value = ? WHERE key = 'nodeId'").run(nodeId);
        const own = db.prepare('SELECT seq FROM changes WHERE node = ? AND sent = 0 ORDER BY seq').pluck().all(ctx.nodeId) as number[];
        const renumber = db.prepare('UPDATE changes SET node = ?, nseq = ? WHERE seq = ?');
        const start = (db.prepare('SELECT max(nseq) FROM changes WHERE node = ?').pluck().get(nodeId) as number | null) ?? 0;
        own.forEach((seq, i) => renumber.run(nodeId, start + i + 1, seq));
      })();
      Object.assign(ctx, nodeContext(db, nodeId));
      store.nodeId = ctx.nodeId;
      store.clock = ctx.clock;
    },
    close: () => db.close(),
  };
  return store;
}

/**
 * The clock and change counter of one node of this database. Each write reads the node's last change
 * inside its transaction, so two processes writing one workspace (the app and a command line) still
 * number its changes one after another and stamp them in order.
 */
function nodeContext(db: Database, nodeId: string): WriteContext {
  const last = db.prepare('SELECT max(hlc) FROM changes').pluck().get() as string | null;
  const clock = createClock(nodeId, last);
  const lastOwn = db.prepare('SELECT nseq, hlc FROM changes WHERE node = ? ORDER BY nseq DESC LIMIT 1');
  return {
    db, clock, nodeId,
    stamp: () => {
      const own = lastOwn.get(nodeId) as { nseq: number; hlc: string } | undefined;
      if (own && own.hlc > clock.last()) clock.receive(own.hlc);
      return { nseq: (own?.nseq ?? 0) + 1, hlc: clock.next() };
    },
  };
}
