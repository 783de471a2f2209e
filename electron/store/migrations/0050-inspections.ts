import type { Database } from 'better-sqlite3';

/** Columns of a finalized inspection that may never change again (only `state` → superseded may). */
const FROZEN_INSPECTION_COLUMNS = [
  'template_id', 'target_kind', 'target_id', 'target_name', 'target_address', 'target_extra', 'town_code', 'town_name',
  'started_at', 'ended_at', 'place', 'lon', 'lat', 'position_source', 'officers', 'recorder', 'present', 'body',
  'notice', 'failing_count', 'supersedes', 'correction_reason', 'finalized_at', 'sha256', 'deleted_at',
];

/** Checklist templates, blobs, inspections (drafts and signed records) and the findings they raise. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE checklist_templates (
      id TEXT PRIMARY KEY, code TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,
      target_kinds TEXT NOT NULL, definition TEXT NOT NULL, sha256 TEXT NOT NULL,
      builtin INTEGER NOT NULL, retired INTEGER NOT NULL, based_on TEXT,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE UNIQUE INDEX checklist_templates_version ON checklist_templates(code, version);
    -- A template version is data that records point at: it is never rewritten (editing makes a new version).
    CREATE TRIGGER checklist_templates_frozen BEFORE UPDATE OF definition, sha256, code, version ON checklist_templates
      BEGIN SELECT RAISE(ABORT, 'immutable: checklist template version'); END;

    -- Content-addressed evidence (photos, signatures); the bytes live in files named by SHA-256.
    CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, mime TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;

    CREATE TABLE inspections (
      id TEXT PRIMARY KEY, state TEXT NOT NULL CHECK (state IN ('draft', 'finalized', 'superseded')),
      template_id TEXT NOT NULL REFERENCES checklist_templates(id),
      target_kind TEXT NOT NULL CHECK (target_kind IN ('enterprise', 'outfall', 'site')), target_id TEXT,
      target_name TEXT NOT NULL, target_address TEXT NOT NULL, target_extra TEXT NOT NULL,
      town_code TEXT REFERENCES regions(code), town_name TEXT NOT NULL,
      started_at TEXT, ended_at TEXT, place TEXT NOT NULL, lon REAL, lat REAL, position_source TEXT,
      officers TEXT NOT NULL, recorder TEXT, present TEXT NOT NULL, body TEXT NOT NULL, notice TEXT NOT NULL,
      failing_count INTEGER NOT NULL DEFAULT 0,
      supersedes TEXT REFERENCES inspections(id), correction_reason TEXT,
      finalized_at TEXT, sha256 TEXT, created_by TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE INDEX inspections_target ON inspections(target_kind, target_id, started_at);
    CREATE INDEX inspections_started ON inspections(deleted_at, started_at);
    CREATE INDEX inspections_state ON inspections(state, started_at);
    CREATE INDEX inspections_supersedes ON inspections(supersedes);
    CREATE INDEX inspections_template ON inspections(template_id);
    CREATE INDEX inspections_town ON inspections(town_code, started_at);
    CREATE TRIGGER inspections_frozen BEFORE UPDATE ON inspections
      WHEN OLD.state <> 'draft' AND (NEW.state = 'draft' OR ${FROZEN_INSPECTION_COLUMNS.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ')})
      BEGIN SELECT RAISE(ABORT, 'immutable: finalized inspection'); END;
    CREATE TRIGGER inspections_no_delete BEFORE DELETE ON inspections
      BEGIN SELECT RAISE(ABORT, 'immutable: inspections are never deleted'); END;

    CREATE TABLE inspection_answers (
      id TEXT PRIMARY KEY, inspection_id TEXT NOT NULL REFERENCES inspections(id), item_id TEXT NOT NULL,
      value TEXT, note TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE INDEX inspection_answers_inspection ON inspection_answers(inspection_id);

    CREATE TABLE inspection_photos (
      id TEXT PRIMARY KEY, inspection_id TEXT NOT NULL REFERENCES inspections(id), item_id TEXT,
      sha256 TEXT NOT NULL REFERENCES blobs(sha256), thumb_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
      file_name TEXT NOT NULL, caption TEXT NOT NULL, taken_at TEXT, lon REAL, lat REAL, width INTEGER NOT NULL, height INTEGER NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE INDEX inspection_photos_inspection ON inspection_photos(inspection_id);

    CREATE TABLE inspection_signatures (
      id TEXT PRIMARY KEY, inspection_id TEXT NOT NULL REFERENCES inspections(id), role TEXT NOT NULL,
      signer_name TEXT NOT NULL, sha256 TEXT REFERENCES blobs(sha256), signed_at TEXT NOT NULL, refused_reason TEXT,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE INDEX inspection_signatures_inspection ON inspection_signatures(inspection_id);

    -- The inspector's review of what a failing item proposes (kept on the draft, frozen with it).
    CREATE TABLE inspection_findings (
      id TEXT PRIMARY KEY, inspection_id TEXT NOT NULL REFERENCES inspections(id), item_id TEXT NOT NULL,
      included INTEGER NOT NULL, description TEXT NOT NULL, legal_basis TEXT NOT NULL, deadline_band TEXT NOT NULL,
      responsible_unit TEXT NOT NULL, responsible_person TEXT NOT NULL, deadline TEXT, measures TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE INDEX inspection_findings_inspection ON inspection_findings(inspection_id);

    -- The signed document: canonical JSON, its SHA-256, and its link in this device's hash chain.
    CREATE TABLE inspection_records (
      inspection_id TEXT PRIMARY KEY REFERENCES inspections(id), node TEXT NOT NULL, chain_seq INTEGER NOT NULL,
      prev_sha256 TEXT, canonical TEXT NOT NULL, sha256 TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE UNIQUE INDEX inspection_records_chain ON inspection_records(node, chain_seq);
    CREATE TRIGGER inspection_records_frozen BEFORE UPDATE ON inspection_records
      BEGIN SELECT RAISE(ABORT, 'immutable: signed inspection record'); END;
    CREATE TRIGGER inspection_records_no_delete BEFORE DELETE ON inspection_records
      BEGIN SELECT RAISE(ABORT, 'immutable: signed inspection record'); END;

    -- 问题: created from reviewed failures; their life after creation (events, close-out) comes later.
    CREATE TABLE findings (
      id TEXT PRIMARY KEY, source_kind TEXT NOT NULL, source_id TEXT, item_id TEXT,
      target_kind TEXT NOT NULL, target_id TEXT, target_name TEXT NOT NULL, town_code TEXT REFERENCES regions(code),
      description TEXT NOT NULL, legal_basis TEXT NOT NULL, deadline_band TEXT NOT NULL,
      responsible_unit TEXT NOT NULL, responsible_person TEXT NOT NULL, deadline TEXT NOT NULL, measures TEXT NOT NULL,
      found_at TEXT NOT NULL, state TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE INDEX findings_target ON findings(target_kind, target_id, found_at);
    CREATE INDEX findings_source ON findings(source_id);
    CREATE INDEX findings_town ON findings(town_code, found_at);
  `);
  // Evidence of a finalized inspection is frozen with it.
  for (const table of ['inspection_answers', 'inspection_photos', 'inspection_signatures', 'inspection_findings']) {
    for (const event of ['INSERT', 'UPDATE']) {
      const row = event === 'INSERT' ? 'NEW' : 'OLD';
      db.exec(`CREATE TRIGGER ${table}_frozen_${event.toLowerCase()} BEFORE ${event} ON ${table}
        WHEN (SELECT state FROM inspections WHERE id = ${row}.inspection_id) <> 'draft'
        BEGIN SELECT RAISE(ABORT, 'immutable: finalized inspection'); END;`);
    }
    db.exec(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, 'immutable: evidence is never deleted'); END;`);
  }
}
