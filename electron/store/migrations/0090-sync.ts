import type { Database } from 'better-sqlite3';

/**
 * Sync (DESIGN §8). A change's id is `node:nseq` (the node's own counter, contiguous, so the hub sees
 * a gap); `base` holds the HLCs each written field replaced (for conflicts); `hub_seq` is where the
 * hub placed it. Rows a snapshot brought have no nseq. Records with concurrent values are listed in
 * `sync_conflicts`; remote changes refused here (a signed document with another hash) in
 * `sync_rejects`; blobs the hub has confirmed in `blob_sync`.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE changes ADD COLUMN nseq INTEGER;
    ALTER TABLE changes ADD COLUMN base TEXT;
    ALTER TABLE changes ADD COLUMN hub_seq INTEGER;
    UPDATE changes SET nseq = seq;
    CREATE UNIQUE INDEX changes_node_nseq ON changes(node, nseq);
    CREATE INDEX changes_pending ON changes(seq) WHERE sent = 0;
    CREATE TABLE sync_conflicts (
      entity TEXT NOT NULL, entity_id TEXT NOT NULL, fields TEXT NOT NULL, noticed_at TEXT NOT NULL,
      PRIMARY KEY (entity, entity_id)
    ) WITHOUT ROWID, STRICT;
    CREATE TABLE sync_rejects (
      cid TEXT PRIMARY KEY, entity TEXT NOT NULL, entity_id TEXT NOT NULL, change TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE blob_sync (sha256 TEXT PRIMARY KEY, confirmed_at TEXT NOT NULL) WITHOUT ROWID, STRICT;
  `);
}
