import type { Database } from 'better-sqlite3';

/**
 * Records signed by the people who made them (issue 18): a finalized record carries the account that
 * signed it, the public key and the Ed25519 signature of its device over its hash; the hub's
 * countersigned receipt of each record is kept beside (fetched after a sync), local to this laptop.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE inspection_records ADD COLUMN signer TEXT;
    ALTER TABLE inspection_records ADD COLUMN signer_key TEXT;
    ALTER TABLE inspection_records ADD COLUMN signature TEXT;
    CREATE TABLE record_receipts (
      inspection_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, hub_id TEXT NOT NULL, hub_seq INTEGER NOT NULL,
      received_at TEXT NOT NULL, signature TEXT NOT NULL
    ) STRICT;
  `);
}
