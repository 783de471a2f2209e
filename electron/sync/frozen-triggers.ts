import type { Database } from 'better-sqlite3';

/**
 * Runs `fn` with the freeze triggers lifted, inside the caller's transaction, and re-arms them
 * before it commits. Only a snapshot needs this: it recreates a finalized inspection (or a drawn
 * plan) as the hub holds it, record by record, where the triggers would refuse the evidence arriving
 * after its already-finalized inspection. The hub has checked those documents by hash; every local
 * write still meets the triggers.
 */
export function withFreezeLifted<T>(db: Database, fn: () => T): T {
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%frozen%'").all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  try {
    return fn();
  } finally {
    for (const t of triggers) db.exec(t.sql);
  }
}

/**
 * Runs `fn` with every trigger on an inspection's tables lifted, inside the caller's transaction: only
 * to take back a finalized inspection this laptop received and refused (its rows do not rebuild its
 * signed record), so that nothing of it is kept. Re-armed before the caller commits.
 */
export function withInspectionUnlocked<T>(db: Database, fn: () => T): T {
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'inspection%'").all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  try {
    return fn();
  } finally {
    for (const t of triggers) db.exec(t.sql);
  }
}
