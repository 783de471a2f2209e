import type { Database } from 'better-sqlite3';

/**
 * Issue 19: audio and video evidence (执法记录仪, a phone's recording) in an inspection — kept by
 * SHA-256 like photos, frozen with the record. `purpose` says what it proves: the inspection itself
 * (`evidence`), or a party's refusal to sign the 笔录 (`refusal`, in place of a witness's signature).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE inspection_recordings (
      id TEXT PRIMARY KEY, inspection_id TEXT NOT NULL REFERENCES inspections(id),
      sha256 TEXT NOT NULL REFERENCES blobs(sha256), file_name TEXT NOT NULL, caption TEXT NOT NULL,
      mime TEXT NOT NULL, size INTEGER NOT NULL, recorded_at TEXT, purpose TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE INDEX inspection_recordings_inspection ON inspection_recordings(inspection_id);
  `);
  for (const event of ['INSERT', 'UPDATE']) {
    const row = event === 'INSERT' ? 'NEW' : 'OLD';
    db.exec(`CREATE TRIGGER inspection_recordings_frozen_${event.toLowerCase()} BEFORE ${event} ON inspection_recordings
      WHEN (SELECT state FROM inspections WHERE id = ${row}.inspection_id) <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'immutable: finalized inspection'); END;`);
  }
  db.exec("CREATE TRIGGER inspection_recordings_no_delete BEFORE DELETE ON inspection_recordings BEGIN SELECT RAISE(ABORT, 'immutable: evidence is never deleted'); END;");
}
