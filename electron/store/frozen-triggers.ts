import type { Database } from 'better-sqlite3';

/** Runs `fn` with the triggers `where` selects dropped, inside the caller's transaction; re-armed before it commits. */
function withTriggersLifted<T>(db: Database, where: string, fn: () => T): T {
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND ${where}`).all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  try {
    return fn();
  } finally {
    for (const t of triggers) db.exec(t.sql);
  }
}

/**
 * Runs `fn` with the freeze triggers lifted, inside the caller's transaction, and re-arms them
 * before it commits. Only a snapshot needs this: it recreates a finalized inspection (or a drawn
 * plan) as the hub holds it, record by record, where the triggers would refuse the evidence arriving
 * after its already-finalized inspection. The hub has checked those documents by hash, and the
 * snapshot's end rebuilds each from its rows (`services/sync/altered-records.ts`); every local write still meets the triggers.
 */
export function withFreezeLifted<T>(db: Database, fn: () => T): T {
  return withTriggersLifted(db, "name LIKE '%frozen%'", fn);
}

/**
 * Runs `fn` with every trigger on an inspection's tables lifted, inside the caller's transaction: only
 * to take back a finalized inspection this laptop received and refused (its rows do not rebuild its
 * signed record), so that nothing of it is kept. Re-armed before the caller commits.
 */
export function withInspectionUnlocked<T>(db: Database, fn: () => T): T {
  return withTriggersLifted(db, "tbl_name LIKE 'inspection%'", fn);
}
