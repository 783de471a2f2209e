import type { Database } from 'better-sqlite3';
import { EVENT_STREAMS } from '../../shared/events/event';
import { rawDatabase } from './open';

/*
 * A town officer's reads on a laptop that holds more than their towns (issue 18: "a town officer — their
 * towns only"). A second connection to the same workspace file in which a TEMP view of the same name
 * stands in front of every table that holds a town's records: SQLite looks a bare table name up in
 * `temp` before `main`, so every list, page, map, dashboard and ledger query of ours — unchanged — sees
 * only the records the hub would send a device of that account (`mayRead` in shared/sync/roles.ts;
 * the hub's `record-area.ts`):
 * - a record of a town of its own: in their towns; of no town: everyone's, unless it is about an
 *   enterprise or outfall of another town (it lies in its target's town, as at the hub);
 * - another town's enterprise or outfall that one of their records names: read-only (a reference);
 * - a child record (an inspection's answers, photos, signatures, record and receipt; an event of a
 *   problem, complaint or case; a 双随机 directory entry or recusal about an enterprise): with its parent;
 * - the change log and the sync lists: only entries about records they see.
 * Writes never go through this connection's views (a view cannot be written; the services write through
 * the store, whose town guard judges each write), so a missed table fails loudly rather than leaking.
 */

/** SQL text of a list of town codes (quoted; an empty list matches nothing). */
function townList(towns: string[]): string {
  // '' is no town code: `IN ('')` matches nothing and `NOT IN ('')` excludes every real town (NULL would make both unknown).
  return towns.length ? towns.map((t) => `'${t.replace(/'/g, "''")}'`).join(', ') : "''";
}

/** The views, in the order they must be made (a view reads the ones before it). */
function townViews(towns: string[]): [string, string][] {
  const inTowns = `(${townList(towns)})`;
  // A record of no town lies in its target's town (hub: `own ?? targetTown`).
  const targetHere = `(target_id IS NULL
    OR NOT EXISTS (SELECT 1 FROM main.enterprises t WHERE t.id = target_id AND t.town_code NOT IN ${inTowns})
    AND NOT EXISTS (SELECT 1 FROM main.outfalls t WHERE t.id = target_id AND t.town_code NOT IN ${inTowns}))`;
  const ownTown = `town_code IN ${inTowns} OR (town_code IS NULL AND ${targetHere})`;
  const ofInspection = 'inspection_id IN (SELECT id FROM inspections)';
  // Another town's enterprise or outfall a record of theirs names (an outfall's 所属单位, a problem's
  // target) is read beside it as a read-only reference (issue 21; the hub's `record_refs`): the town
  // guard refuses any write to it, and its own children stay out of sight.
  const targets = (kind: string) => ['inspections', 'findings', 'complaints', 'cases', 'plan_tasks']
    .map((t) => `SELECT target_id FROM main.${t} WHERE target_kind = '${kind}' AND town_code IN ${inTowns}`).join(' UNION ALL ');
  const namedEnterprise = `id IN (SELECT enterprise_id FROM main.outfalls WHERE town_code IN ${inTowns} OR id IN (${targets('outfall')}) UNION ALL ${targets('enterprise')})`;
  const namedOutfall = `id IN (${targets('outfall')})`;
  const ownEnterprise = `target_id IN (SELECT id FROM main.enterprises WHERE town_code IN ${inTowns})`;
  const streams = EVENT_STREAMS.map((s) => `(stream = '${s}' AND stream_id IN (SELECT id FROM ${STREAM_TABLES[s]}))`).join(' OR ');
  return [
    ['enterprises', `town_code IN ${inTowns} OR ${namedEnterprise}`],
    ['outfalls', `town_code IN ${inTowns} OR ${namedOutfall}`],
    ['people', `town_code IS NULL OR town_code IN ${inTowns}`],
    ['inspections', ownTown],
    ['findings', ownTown],
    ['complaints', ownTown],
    ['cases', ownTown],
    ['plan_tasks', `town_code IS NULL OR town_code IN ${inTowns}`],
    ['inspection_answers', ofInspection],
    ['inspection_photos', ofInspection],
    ['inspection_recordings', ofInspection],
    ['inspection_signatures', ofInspection],
    ['inspection_findings', ofInspection],
    ['inspection_records', ofInspection],
    ['record_receipts', ofInspection],
    ['record_events', `stream NOT IN (${EVENT_STREAMS.map((s) => `'${s}'`).join(', ')}) OR ${streams}`],
    ['directory_entries', ownEnterprise],
    ['inspector_conflicts', ownEnterprise],
  ];
}

const STREAM_TABLES: Record<(typeof EVENT_STREAMS)[number], string> = { finding: 'findings', complaint: 'complaints', case: 'cases' };

/** The entities whose records a town officer sees only in part, with their table and key (for the change log). */
const SCOPED_ENTITIES: [entity: string, table: string, key: string][] = [
  ['enterprise', 'enterprises', 'id'], ['outfall', 'outfalls', 'id'], ['person', 'people', 'id'],
  ['inspection', 'inspections', 'id'], ['finding', 'findings', 'id'], ['complaint', 'complaints', 'id'], ['case', 'cases', 'id'],
  ['plan_task', 'plan_tasks', 'id'], ['inspection_answer', 'inspection_answers', 'id'], ['inspection_photo', 'inspection_photos', 'id'],
  ['inspection_recording', 'inspection_recordings', 'id'],
  ['inspection_signature', 'inspection_signatures', 'id'], ['inspection_finding', 'inspection_findings', 'id'],
  ['inspection_record', 'inspection_records', 'inspection_id'], ['record_event', 'record_events', 'id'],
  ['directory_entry', 'directory_entries', 'target_id'], ['inspector_conflict', 'inspector_conflicts', 'id'],
];

/** Entries of the change log and sync lists (entity, entity_id) about records this reader sees. */
function aboutVisible(): string {
  const scoped = SCOPED_ENTITIES.map(([e]) => `'${e}'`).join(', ');
  return `entity NOT IN (${scoped}) OR ${SCOPED_ENTITIES.map(([e, t, k]) => `(entity = '${e}' AND entity_id IN (SELECT ${k} FROM ${t}))`).join(' OR ')}`;
}

/** Whether a table keeps a rowid (full-text search finds rows by it: the view passes it on). */
function hasRowid(db: Database, table: string): boolean {
  const sql = db.prepare("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) as string | undefined;
  return sql !== undefined && !/WITHOUT\s+ROWID/i.test(sql);
}

/** Makes the TEMP views that limit this connection's reads to `towns` (see above). */
export function defineTownViews(db: Database, towns: string[]): void {
  const views: [string, string][] = [...townViews(towns), ['changes', aboutVisible()], ['sync_conflicts', aboutVisible()],
    ['sync_rejects', aboutVisible()], ['sync_missing', aboutVisible()]];
  db.transaction(() => {
    for (const [table, where] of views) {
      const rowid = hasRowid(db, table) ? ', rowid AS rowid' : '';
      db.exec(`CREATE TEMP VIEW ${table} AS SELECT *${rowid} FROM main.${table} WHERE ${where}`);
    }
  })();
}

/**
 * A connection that reads the workspace as a town officer of `towns` sees it (see above): same file,
 * same key, the same SQL functions; it waits for the writer like any reader of a WAL database.
 */
export function openTownReader(file: string, key: Buffer | null, towns: string[]): Database {
  const db = rawDatabase(file, { fileMustExist: true }, key);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    defineTownViews(db, towns);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Whether a record this connection reads names the blob (a photo, its thumbnail, a signature, an event's file). */
export function blobNamedByRecord(db: Database, sha256: string): boolean {
  return db.prepare(`SELECT 1 FROM inspection_photos WHERE sha256 = @h OR thumb_sha256 = @h
    UNION ALL SELECT 1 FROM inspection_recordings WHERE sha256 = @h
    UNION ALL SELECT 1 FROM inspection_signatures WHERE sha256 = @h
    UNION ALL SELECT 1 FROM record_events e, json_each(e.blobs) b WHERE b.value = @h LIMIT 1`).get({ h: sha256 }) !== undefined;
}

/** The table a procedure's `id` names, by the procedure's area (enterprises.remove → enterprises). */
const PROCEDURE_TABLES: Record<string, string> = {
  enterprises: 'enterprises', outfalls: 'outfalls', inspections: 'inspections', findings: 'findings', complaints: 'complaints', cases: 'cases', people: 'people',
};

/**
 * Whether a call names a record the workspace holds but this reader may not see: its `id` or `ids` (in
 * the procedure's own table) or its target (`targetKind`/`targetId`). A town officer's call that does is
 * answered as if there were no such record, before any service looks it up (and says what it is).
 */
export function namesHiddenRecord(reader: Database, main: Database, procedure: string, input: unknown): boolean {
  if (!input || typeof input !== 'object') return false;
  const i = input as Record<string, unknown>;
  const hidden = (table: string, id: unknown) => typeof id === 'string'
    && main.prepare(`SELECT 1 FROM main.${table} WHERE id = ?`).get(id) !== undefined
    && reader.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) === undefined;
  const table = PROCEDURE_TABLES[procedure.split('.')[0]];
  if (table && (hidden(table, i.id) || (Array.isArray(i.ids) && i.ids.some((id) => hidden(table, id))))) return true;
  if ((i.targetKind === 'enterprise' || i.targetKind === 'outfall') && hidden(`${i.targetKind}s`, i.targetId)) return true;
  return false;
}
