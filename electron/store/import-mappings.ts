import type { Database } from 'better-sqlite3';

/** Per register, per header (its key): normalised header text → field ('' = not imported). */
export type ImportMappings = Record<string, Record<string, Record<string, string>>>;

/**
 * The 列对应 a person confirmed on this laptop (issue 20), kept in the workspace's local `meta` (not
 * synced: a reading of one clerk's sheets, not a rule of the county).
 */
export function readImportMappings(db: Database): ImportMappings {
  const v = db.prepare("SELECT value FROM meta WHERE key = 'import-mappings'").pluck().get() as string | undefined;
  try { return v ? (JSON.parse(v) as ImportMappings) : {}; } catch { return {}; }
}

export function writeImportMappings(db: Database, m: ImportMappings): void {
  db.prepare("INSERT INTO meta (key, value) VALUES ('import-mappings', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(m));
}
