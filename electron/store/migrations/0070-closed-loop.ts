import type { Database } from 'better-sqlite3';

/**
 * The closed loop: event logs (finding, complaint and case events, append only), complaints, cases,
 * the 双随机 directories and plans. Columns marked "derived" are a cache of the fold over events,
 * recomputed by every replica; they are never written through the write path.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE record_events (
      id TEXT PRIMARY KEY, stream TEXT NOT NULL CHECK (stream IN ('finding', 'complaint', 'case')), stream_id TEXT NOT NULL,
      kind TEXT NOT NULL, hlc TEXT NOT NULL, author TEXT NOT NULL, at TEXT NOT NULL, text TEXT NOT NULL,
      data TEXT NOT NULL, blobs TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE INDEX record_events_stream ON record_events(stream, stream_id, hlc);
    CREATE TRIGGER record_events_append_only BEFORE UPDATE ON record_events BEGIN SELECT RAISE(ABORT, 'immutable: events are append only'); END;
    CREATE TRIGGER record_events_no_delete BEFORE DELETE ON record_events BEGIN SELECT RAISE(ABORT, 'immutable: events are append only'); END;

    -- derived from the finding's events
    ALTER TABLE findings ADD COLUMN responsible_person_id TEXT;
    ALTER TABLE findings ADD COLUMN progress TEXT;
    ALTER TABLE findings ADD COLUMN submitted_at TEXT;
    ALTER TABLE findings ADD COLUMN accepted_at TEXT;
    ALTER TABLE findings ADD COLUMN accepted_by TEXT;
    ALTER TABLE findings ADD COLUMN notice_from TEXT;
    ALTER TABLE findings ADD COLUMN notice_to TEXT;
    ALTER TABLE findings ADD COLUMN closed_at TEXT;
    ALTER TABLE findings ADD COLUMN recheck_due TEXT;
    ALTER TABLE findings ADD COLUMN reopen_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE findings ADD COLUMN flag_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE findings ADD COLUMN last_event_at TEXT;
    -- where the finding is, as of when it was found (like its town): its target's watershed and industry section
    ALTER TABLE findings ADD COLUMN watershed_id TEXT;
    ALTER TABLE findings ADD COLUMN industry_section TEXT;
    UPDATE findings SET
      watershed_id = CASE target_kind WHEN 'enterprise' THEN (SELECT watershed_id FROM enterprises e WHERE e.id = findings.target_id)
        WHEN 'outfall' THEN (SELECT watershed_id FROM outfalls o WHERE o.id = findings.target_id) END,
      industry_section = CASE target_kind WHEN 'enterprise' THEN (SELECT substr(industry_code, 1, 1) FROM enterprises e WHERE e.id = findings.target_id) END;
    CREATE INDEX findings_state_deadline ON findings(state, deadline, deleted_at);
    CREATE INDEX findings_state_found ON findings(state, found_at);
    CREATE INDEX findings_source_kind ON findings(source_kind, found_at);
    CREATE INDEX findings_person ON findings(responsible_person, found_at);
    CREATE INDEX findings_unit ON findings(responsible_unit, found_at);
    CREATE INDEX findings_found ON findings(deleted_at, found_at);
    CREATE INDEX findings_watershed ON findings(watershed_id, found_at);
    CREATE INDEX findings_industry ON findings(industry_section, found_at);
    CREATE INDEX findings_reopened ON findings(deleted_at, found_at) WHERE reopen_count > 0;
    CREATE INDEX findings_recheck_due ON findings(recheck_due) WHERE recheck_due IS NOT NULL;
    CREATE INDEX findings_closed ON findings(closed_at) WHERE closed_at IS NOT NULL;
    -- the dashboard's one pass: every cut and count read from this index alone
    CREATE INDEX findings_dashboard ON findings(deleted_at, town_code, watershed_id, industry_section, source_kind, state, deadline, reopen_count, recheck_due);
    CREATE VIRTUAL TABLE findings_fts USING fts5(description, target_name, number, content='findings', content_rowid='rowid', tokenize='trigram');
    CREATE TRIGGER findings_fts_ai AFTER INSERT ON findings BEGIN
      INSERT INTO findings_fts(rowid, description, target_name, number) VALUES (new.rowid, new.description, new.target_name, new.number);
    END;
    CREATE TRIGGER findings_fts_ad AFTER DELETE ON findings BEGIN
      INSERT INTO findings_fts(findings_fts, rowid, description, target_name, number) VALUES ('delete', old.rowid, old.description, old.target_name, old.number);
    END;
    CREATE TRIGGER findings_fts_au AFTER UPDATE OF description, target_name, number ON findings BEGIN
      INSERT INTO findings_fts(findings_fts, rowid, description, target_name, number) VALUES ('delete', old.rowid, old.description, old.target_name, old.number);
      INSERT INTO findings_fts(rowid, description, target_name, number) VALUES (new.rowid, new.description, new.target_name, new.number);
    END;
    INSERT INTO findings_fts(findings_fts) VALUES ('rebuild');

    CREATE TABLE complaints (
      id TEXT PRIMARY KEY, number TEXT NOT NULL, channel TEXT NOT NULL, received_at TEXT NOT NULL,
      complainant_name TEXT NOT NULL, complainant_phone TEXT NOT NULL, content TEXT NOT NULL, categories TEXT NOT NULL,
      town_code TEXT REFERENCES regions(code), address TEXT NOT NULL, lon REAL, lat REAL,
      target_kind TEXT, target_id TEXT, target_name TEXT NOT NULL,
      accept_days INTEGER NOT NULL, complete_days INTEGER NOT NULL, max_extension_days INTEGER NOT NULL,
      -- derived
      state TEXT NOT NULL DEFAULT 'received', accept_by TEXT, complete_by TEXT, accepted_at TEXT, concluded_at TEXT, outcome TEXT,
      penalty_amount REAL, last_event_at TEXT,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE INDEX complaints_number ON complaints(number);
    CREATE INDEX complaints_received ON complaints(deleted_at, received_at);
    CREATE INDEX complaints_state ON complaints(state, accept_by, complete_by);
    CREATE INDEX complaints_target ON complaints(target_kind, target_id);

    CREATE TABLE cases (
      id TEXT PRIMARY KEY, source_kind TEXT NOT NULL, source_id TEXT, target_kind TEXT, target_id TEXT, target_name TEXT NOT NULL,
      party TEXT NOT NULL, uscc TEXT NOT NULL, legal_representative TEXT NOT NULL, address TEXT NOT NULL,
      town_code TEXT REFERENCES regions(code), facts TEXT NOT NULL, opened_at TEXT NOT NULL,
      -- derived
      state TEXT NOT NULL DEFAULT 'opened', filed_number TEXT, filed_at TEXT, decision_kind TEXT, decision_number TEXT,
      penalty_amount REAL, legal_basis TEXT, decided_at TEXT, publish_by TEXT, published_at TEXT,
      transferred_at TEXT, closed_at TEXT, last_event_at TEXT,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE INDEX cases_opened ON cases(deleted_at, opened_at);
    CREATE INDEX cases_source ON cases(source_id);
    CREATE INDEX cases_target ON cases(target_kind, target_id);

    -- 双随机 directories: the category of each target (default from 重点排污单位) and conflicts of interest.
    CREATE TABLE directory_entries (
      target_id TEXT PRIMARY KEY REFERENCES enterprises(id), category TEXT NOT NULL, excluded INTEGER NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE TABLE inspector_conflicts (
      id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people(id), target_id TEXT NOT NULL REFERENCES enterprises(id), reason TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE INDEX inspector_conflicts_person ON inspector_conflicts(person_id);

    CREATE TABLE plans (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, matter TEXT NOT NULL, period_from TEXT NOT NULL, period_to TEXT NOT NULL,
      quotas TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('draft', 'drawn', 'released')),
      seed TEXT, snapshot TEXT, draw_sha256 TEXT, drawn_at TEXT, drawn_by TEXT, released_at TEXT,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE TABLE plan_tasks (
      id TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(id), order_no INTEGER NOT NULL,
      target_kind TEXT NOT NULL, target_id TEXT NOT NULL, target_name TEXT NOT NULL, town_code TEXT, category TEXT NOT NULL,
      inspector_ids TEXT NOT NULL, inspection_id TEXT, result TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE INDEX plan_tasks_plan ON plan_tasks(plan_id, order_no);
    CREATE INDEX plan_tasks_target ON plan_tasks(target_id);
  `);
  // A drawn plan's draw is evidence: its seed, snapshot and result never change.
  db.exec(`CREATE TRIGGER plans_draw_frozen BEFORE UPDATE OF seed, snapshot, draw_sha256 ON plans WHEN OLD.draw_sha256 IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'immutable: a drawn plan'); END;`);
}
