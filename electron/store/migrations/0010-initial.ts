import type { Database } from 'better-sqlite3';

/** The first schema: workspace meta, directories, enterprises, outfalls and the change log. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT) STRICT;

    CREATE TABLE regions (
      code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL CHECK (level IN ('county','town','village')),
      parent_code TEXT REFERENCES regions(code),
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE INDEX regions_parent ON regions(parent_code);

    CREATE TABLE watersheds (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE TABLE water_bodies (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, watershed_id TEXT REFERENCES watersheds(id),
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;

    CREATE TABLE people (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, certificate_no TEXT, unit TEXT NOT NULL,
      post TEXT NOT NULL, town_code TEXT REFERENCES regions(code), phone TEXT NOT NULL, active INTEGER NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;

    CREATE TABLE enterprises (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, uscc TEXT NOT NULL, pollution_source_code TEXT,
      industry_code TEXT, permit_class TEXT, key_unit INTEGER NOT NULL, state TEXT NOT NULL, address TEXT NOT NULL,
      town_code TEXT NOT NULL REFERENCES regions(code), village_code TEXT REFERENCES regions(code),
      watershed_id TEXT REFERENCES watersheds(id), lon REAL, lat REAL,
      legal_representative TEXT NOT NULL, contact_name TEXT NOT NULL, contact_phone TEXT NOT NULL,
      tags TEXT NOT NULL, note TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE INDEX enterprises_name ON enterprises(deleted_at, name);
    CREATE INDEX enterprises_town ON enterprises(town_code, name);
    CREATE INDEX enterprises_uscc ON enterprises(uscc);
    CREATE INDEX enterprises_industry ON enterprises(industry_code);
    CREATE INDEX enterprises_updated ON enterprises(updated_at);

    CREATE TABLE outfalls (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, code TEXT, local_code TEXT, code_state TEXT NOT NULL,
      type TEXT NOT NULL, sub_type TEXT NOT NULL,
      water_body_id TEXT REFERENCES water_bodies(id), watershed_id TEXT REFERENCES watersheds(id),
      town_code TEXT NOT NULL REFERENCES regions(code), village_code TEXT REFERENCES regions(code),
      lon REAL, lat REAL, entry_mode TEXT, discharge_pattern TEXT, enterprise_id TEXT REFERENCES enterprises(id),
      approval_state TEXT, sign_state TEXT, remediation_category TEXT, remediation_state TEXT,
      nearest_section TEXT NOT NULL, section_distance_km REAL, note TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
    ) STRICT;
    CREATE UNIQUE INDEX outfalls_code ON outfalls(code) WHERE code IS NOT NULL AND deleted_at IS NULL;
    CREATE INDEX outfalls_name ON outfalls(deleted_at, name);
    CREATE INDEX outfalls_town ON outfalls(town_code, name);
    CREATE INDEX outfalls_water_body ON outfalls(water_body_id);
    CREATE INDEX outfalls_enterprise ON outfalls(enterprise_id);

    -- One row per write: the changed fields of one record under one HLC (DESIGN §5).
    CREATE TABLE changes (
      seq INTEGER PRIMARY KEY, node TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL,
      hlc TEXT NOT NULL, author TEXT NOT NULL, fields TEXT NOT NULL, sent INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX changes_entity ON changes(entity, entity_id, hlc);
    CREATE INDEX changes_hlc ON changes(hlc);
  `);
}
