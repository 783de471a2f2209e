/**
 * The hub's database, the same queries on SQLite (a county) and PostgreSQL (a city or province).
 * SQL is written once with `$1…` placeholders; each driver adapts them. Writes happen in `tx`,
 * which also serialises pushes so hub sequence numbers commit in order (a pull never skips one).
 */
export type Row = Record<string, unknown>;

export type Queryable = {
  all<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  one<T = Row>(sql: string, params?: unknown[]): Promise<T | undefined>;
  run(sql: string, params?: unknown[]): Promise<void>;
};

export type HubDb = Queryable & {
  kind: 'sqlite' | 'pg';
  /** Runs `fn` in one serialised transaction. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Writes a consistent copy of the database to `file` while the hub keeps serving (SQLite's backup API; pg_dump). */
  backupTo(file: string): Promise<void>;
  close(): Promise<void>;
};

/** Columns added after a hub's first release: each driver adds them to an older hub's tables when it opens. */
export const ADDED_COLUMNS: { table: string; column: string; type: string }[] = [
  // The town a record was in before this change moved it (its old town's readers see the move).
  { table: 'changes', column: 'prev_town', type: 'TEXT' },
  // The record a child record belongs to ("entity:id": an inspection's answers, a finding's events), whose town it follows.
  { table: 'records', column: 'parent', type: 'TEXT' },
  // The account whose authenticated device pushed the change (its own `author` is only what the laptop says).
  { table: 'changes', column: 'pushed_by', type: 'TEXT' },
  // The secret that wraps this laptop's workspace key in its hub slot (issue 18): given to the laptop
  // once, and again only to a person who signs in there with a hub account while the device is approved.
  { table: 'devices', column: 'seal_secret', type: 'TEXT' },
];

/** Indexes on added columns, made after the columns are (an older hub gains both when it opens). */
export const AFTER_COLUMNS_SQL = `
  CREATE INDEX IF NOT EXISTS records_parent ON records(parent) WHERE parent IS NOT NULL;
`;

/** The schema, with the types that differ between the two. */
export function schemaSql(serial: string, bytes: string): string {
  return `
    CREATE TABLE IF NOT EXISTS hub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS users (
      name TEXT PRIMARY KEY, display TEXT NOT NULL, role TEXT NOT NULL, towns TEXT NOT NULL, password TEXT NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS devices (
      id TEXT PRIMARY KEY, node TEXT NOT NULL UNIQUE, user_name TEXT NOT NULL, name TEXT NOT NULL, public_key TEXT NOT NULL,
      state TEXT NOT NULL, created_at TEXT NOT NULL, approved_at TEXT, revoked_at TEXT, last_seen_at TEXT, cursor BIGINT NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS changes (
      hub_seq ${serial} PRIMARY KEY, node TEXT NOT NULL, nseq BIGINT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL,
      hlc TEXT NOT NULL, author TEXT NOT NULL, fields TEXT NOT NULL, base TEXT NOT NULL, town TEXT, device_id TEXT,
      received_at TEXT NOT NULL, clock_flag INTEGER NOT NULL DEFAULT 0, prev_town TEXT, UNIQUE (node, nseq)
    );
    CREATE INDEX IF NOT EXISTS changes_town ON changes(town, hub_seq);
    CREATE INDEX IF NOT EXISTS changes_record ON changes(entity, entity_id, hub_seq);
    CREATE INDEX IF NOT EXISTS changes_clock_ahead ON changes(device_id) WHERE clock_flag = 1;
    CREATE TABLE IF NOT EXISTS records (
      entity TEXT NOT NULL, entity_id TEXT NOT NULL, heads TEXT NOT NULL, town TEXT, last_seq BIGINT NOT NULL,
      conflicted INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (entity, entity_id)
    );
    CREATE INDEX IF NOT EXISTS records_conflicted ON records(conflicted);
    CREATE TABLE IF NOT EXISTS quarantine (
      node TEXT NOT NULL, nseq BIGINT NOT NULL, device_id TEXT, user_name TEXT, entity TEXT NOT NULL, entity_id TEXT NOT NULL,
      change TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (node, nseq)
    );
    CREATE TABLE IF NOT EXISTS quarantine_released (
      node TEXT NOT NULL, nseq BIGINT NOT NULL, device_id TEXT, user_name TEXT, entity TEXT NOT NULL, entity_id TEXT NOT NULL,
      reason TEXT NOT NULL, at TEXT NOT NULL, released_by TEXT NOT NULL, released_at TEXT NOT NULL, PRIMARY KEY (node, nseq)
    );
    CREATE TABLE IF NOT EXISTS node_seqs (node TEXT PRIMARY KEY, last_nseq BIGINT NOT NULL);
    CREATE TABLE IF NOT EXISTS bundle_requests (
      device_id TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (device_id, entity, entity_id)
    );
    CREATE TABLE IF NOT EXISTS blob_refs (
      sha256 TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (sha256, entity, entity_id)
    );
    CREATE TABLE IF NOT EXISTS blob_uploads (
      device_id TEXT NOT NULL, sha256 TEXT NOT NULL, chunk INTEGER NOT NULL, bytes BIGINT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (device_id, sha256, chunk)
    );
    CREATE TABLE IF NOT EXISTS signin_throttle (key TEXT PRIMARY KEY, failures INTEGER NOT NULL, locks INTEGER NOT NULL, locked_until TEXT);
    CREATE TABLE IF NOT EXISTS used_challenges (challenge TEXT PRIMARY KEY, expires_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS device_accounts (device_id TEXT NOT NULL, user_name TEXT NOT NULL, PRIMARY KEY (device_id, user_name));
    CREATE TABLE IF NOT EXISTS audit_entries (
      device_id TEXT NOT NULL, seq BIGINT NOT NULL, at TEXT NOT NULL, account TEXT, person_id TEXT, action TEXT NOT NULL, entity TEXT, entity_id TEXT,
      detail TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL, pushed_by TEXT NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (device_id, seq)
    );
    CREATE TABLE IF NOT EXISTS record_receipts (
      inspection_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, hub_seq BIGINT NOT NULL, received_at TEXT NOT NULL, signature TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS blobs (
      sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, mime TEXT NOT NULL, chunks TEXT NOT NULL, complete INTEGER NOT NULL, created_at TEXT NOT NULL
    );
    -- Files kept in the database itself (issue 21: several hub processes, no shared disk): chunks as they
    -- arrive, then the whole file as its 4 MiB chunks.
    CREATE TABLE IF NOT EXISTS blob_parts (
      sha256 TEXT NOT NULL, idx INTEGER NOT NULL, chunk_sha TEXT NOT NULL, data ${bytes} NOT NULL, at TEXT NOT NULL, PRIMARY KEY (sha256, idx)
    );
    CREATE TABLE IF NOT EXISTS blob_data (sha256 TEXT NOT NULL, idx INTEGER NOT NULL, data ${bytes} NOT NULL, PRIMARY KEY (sha256, idx));
    -- What each record names (issue 21: an outfall's enterprise, an inspection's target): a town officer
    -- reads a named record of another town as a read-only reference (hub/db/visibility.ts).
    CREATE TABLE IF NOT EXISTS record_refs (
      from_entity TEXT NOT NULL, from_id TEXT NOT NULL, to_entity TEXT NOT NULL, to_id TEXT NOT NULL, PRIMARY KEY (from_entity, from_id, to_entity, to_id)
    );
    CREATE INDEX IF NOT EXISTS record_refs_to ON record_refs(to_entity, to_id);
    -- County-wide numbers (issue 21: 信访编号): each number given, and whose it is; the last given of a kind in a year.
    CREATE TABLE IF NOT EXISTS county_numbers (kind TEXT NOT NULL, value TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (kind, value));
    CREATE TABLE IF NOT EXISTS number_counters (kind TEXT NOT NULL, year TEXT NOT NULL, last BIGINT NOT NULL, PRIMARY KEY (kind, year));
  `;
}
