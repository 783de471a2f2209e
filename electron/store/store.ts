import type { Database } from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { createClock, type Clock } from '../../shared/sync/hlc';
import { blobDirOf } from './blob-store';
import { openDatabase } from './open';
import { writeRecord, type EntityTable, type WriteResult } from './write-path';

export type Store = {
  db: Database;
  file: string;
  nodeId: string;
  clock: Clock;
  /** The folder of this workspace's blobs (photos, signatures). */
  blobDir: string;
  /** Writes fields of one record and its change record, in one transaction. */
  write(spec: EntityTable, id: string, fields: Record<string, unknown>, author: string): WriteResult;
  /** How many writes changed something since the store was opened (for change notices). */
  writeCount(): number;
  /** Runs `fn` in one transaction (nested writes join it). */
  transaction<T>(fn: () => T): T;
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
export function openStore(file: string, opts: { create: boolean } = { create: true }): Store {
  const db = openDatabase(file, opts);
  const nodeId = nodeIdOf(db);
  const last = db.prepare('SELECT max(hlc) FROM changes').pluck().get() as string | null;
  const clock = createClock(nodeId, last);
  const ctx = { db, clock, nodeId };
  let writes = 0;
  return {
    db, file, nodeId, clock, blobDir: blobDirOf(file),
    write: (spec, id, fields, author) => {
      const result = writeRecord(ctx, spec, id, fields, author);
      if (result.hlc) writes++;
      return result;
    },
    writeCount: () => writes,
    transaction: (fn) => db.transaction(fn)(),
    close: () => db.close(),
  };
}
