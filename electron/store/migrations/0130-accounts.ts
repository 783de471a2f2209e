import type { Database } from 'better-sqlite3';

/**
 * Who works on this laptop (issue 18): its accounts (local ones, and hub accounts that signed in here,
 * each with its password verifier so sign-in works offline) and the append-only audit log, chained by
 * hash like the records. Neither is a synced record: accounts are the hub's or this laptop's, the log
 * is sent to the hub as it is.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE accounts (
      name TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'bureau', 'inspector', 'town')),
      towns TEXT NOT NULL DEFAULT '[]',
      source TEXT NOT NULL CHECK (source IN ('local', 'hub')),
      display TEXT NOT NULL DEFAULT '',
      hub_version TEXT,
      verifier TEXT NOT NULL, -- '' : must sign in at the hub again (its password changed there)
      pin TEXT,
      failures INTEGER NOT NULL DEFAULT 0,
      pin_failures INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      disabled INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      last_sign_in TEXT
    ) STRICT;
    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      account TEXT,
      person_id TEXT,
      action TEXT NOT NULL,
      entity TEXT,
      entity_id TEXT,
      detail TEXT NOT NULL DEFAULT '{}',
      prev TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_log_action ON audit_log(action, seq);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'immutable: the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'immutable: the audit log is append-only'); END;
  `);
}
