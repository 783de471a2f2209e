import type { Database, Statement } from 'better-sqlite3';

/*
 * What the demo generator reads back of the county it is building (services/demo): the towns, people,
 * enterprises and findings written so far, in a stable order so that a seed always gives the same county.
 */

type Row<T> = T[];

/** The towns, by code. */
export function demoTowns(db: Database): Row<{ code: string; name: string }> {
  return db.prepare("SELECT code, name FROM regions WHERE level = 'town' ORDER BY code").all() as { code: string; name: string }[];
}

/** The villages of a town, by code. */
export function villagesOf(db: Database, townCode: string): Row<{ code: string; name: string }> {
  return db.prepare("SELECT code, name FROM regions WHERE parent_code = ? AND level = 'village' ORDER BY code").all(townCode) as { code: string; name: string }[];
}

/** The enterprises with what a complaint or a case names of them. */
export function demoEnterprises(db: Database): Row<{ id: string; name: string; townCode: string; address: string; uscc: string; rep: string }> {
  return db.prepare('SELECT id, name, town_code AS townCode, address, uscc, legal_representative AS rep FROM enterprises WHERE deleted_at IS NULL ORDER BY id').all() as { id: string; name: string; townCode: string; address: string; uscc: string; rep: string }[];
}

/** Enterprises or outfalls and where they are. */
export function placedTargets(db: Database, table: 'enterprises' | 'outfalls'): Row<{ id: string; lon: number | null; lat: number | null }> {
  return db.prepare(`SELECT id, lon, lat FROM ${table} WHERE deleted_at IS NULL ORDER BY id`).all() as { id: string; lon: number | null; lat: number | null }[];
}

/** The ids of the people of one role. */
export function peopleIdsOfRole(db: Database, role: string): string[] {
  return db.prepare('SELECT id FROM people WHERE role = ? ORDER BY id').pluck().all(role) as string[];
}

/** The names of the people of one role. */
export function peopleNamesOfRole(db: Database, role: string): string[] {
  return db.prepare('SELECT name FROM people WHERE role = ? ORDER BY id').pluck().all(role) as string[];
}

/** Enforcement officers holding a certificate (two sign each inspection). */
export function certifiedOfficers(db: Database): Row<{ id: string; name: string; certificateNo: string }> {
  return db.prepare("SELECT id, name, certificate_no AS certificateNo FROM people WHERE role = '执法人员' AND certificate_no IS NOT NULL AND deleted_at IS NULL ORDER BY id").all() as { id: string; name: string; certificateNo: string }[];
}

/** Every finding, oldest first. */
export function demoFindings(db: Database): Row<{ id: string; found_at: string; target_kind: string; target_id: string | null; source_id: string | null }> {
  return db.prepare('SELECT id, found_at, target_kind, target_id, source_id FROM findings WHERE deleted_at IS NULL ORDER BY found_at, id').all() as { id: string; found_at: string; target_kind: string; target_id: string | null; source_id: string | null }[];
}

/** The findings of enterprises (a case is opened from some). */
export function enterpriseFindings(db: Database): Row<{ id: string; target_id: string; description: string; found_at: string }> {
  return db.prepare("SELECT id, target_id, description, found_at FROM findings WHERE target_kind = 'enterprise' AND deleted_at IS NULL ORDER BY id").all() as { id: string; target_id: string; description: string; found_at: string }[];
}

/** Whether a finding has its 'created' event: `.get(findingId)`. */
export function findingCreatedQuery(db: Database): Statement {
  return db.prepare("SELECT stream_id FROM record_events WHERE stream = 'finding' AND kind = 'created' AND stream_id = ?").pluck();
}

/** The first finalized inspection of a target after another: `.get(kind, targetId, exceptId, after)`. */
export function laterInspectionQuery(db: Database): Statement {
  return db.prepare("SELECT id FROM inspections WHERE target_kind = ? AND target_id = ? AND state = 'finalized' AND id <> ? AND started_at > ? ORDER BY started_at LIMIT 1").pluck();
}

/** A finalized complaint-verification inspection of a target: `.get(targetId)`. */
export function verificationQuery(db: Database): Statement {
  return db.prepare("SELECT id FROM inspections WHERE template_id LIKE 'builtin:complaint-verification%' AND target_id = ? AND state = 'finalized' LIMIT 1").pluck();
}

/** Each town's watershed by the most of its enterprises. */
export function watershedsByTown(db: Database): Row<{ town: string; ws: string }> {
  return db.prepare(`SELECT town_code AS town, watershed_id AS ws FROM enterprises WHERE watershed_id IS NOT NULL GROUP BY town_code, watershed_id
    ORDER BY town_code, count(*) DESC`).all() as { town: string; ws: string }[];
}

/** The watersheds. */
export function liveWatersheds(db: Database): Row<{ id: string; name: string }> {
  return db.prepare('SELECT id, name FROM watersheds WHERE deleted_at IS NULL').all() as { id: string; name: string }[];
}

/** The rivers and reservoirs, by name. */
export function liveWaterBodies(db: Database): Row<{ id: string; name: string; kind: string }> {
  return db.prepare('SELECT id, name, kind FROM water_bodies WHERE deleted_at IS NULL ORDER BY name').all() as { id: string; name: string; kind: string }[];
}
