import type { Database } from 'better-sqlite3';
import { conflictedFields, mergeChange, type FieldHeads } from '../../shared/sync/merge';
import { prepared } from './statements';

type ChangeRow = { hlc: string; author: string; fields: string; base: string | null; node: string; nseq: number | null; hub_seq: number | null };

/** What this replica knows of one record from its change log: its heads, which changes it holds, the last hub sequence among them. */
export type RecordLog = { heads: FieldHeads; changes: Set<string>; lastHubSeq: number; count: number };

/**
 * A record's field heads, replayed from its change log in arrival order (DESIGN §5). Rows a snapshot
 * brought (no nseq) are replayed raw: they already are the heads.
 */
export function recordLog(db: Database, entity: string, id: string): RecordLog {
  let heads: FieldHeads = {};
  const changes = new Set<string>();
  let lastHubSeq = 0;
  const rows = prepared(db, 'SELECT hlc, author, fields, base, node, nseq, hub_seq FROM changes WHERE entity = ? AND entity_id = ? ORDER BY seq').all(entity, id) as ChangeRow[];
  for (const r of rows) {
    heads = mergeChange(heads, { hlc: r.hlc, author: r.author, fields: JSON.parse(r.fields), base: r.base ? JSON.parse(r.base) : {} }, { raw: r.nseq === null }).heads;
    if (r.nseq !== null) changes.add(`${r.node}:${r.nseq}`);
    if (r.hub_seq !== null && r.hub_seq > lastHubSeq) lastHubSeq = r.hub_seq;
  }
  return { heads, changes, lastHubSeq, count: rows.length };
}

export function loadHeads(db: Database, entity: string, id: string): FieldHeads {
  return recordLog(db, entity, id).heads;
}

/** Keeps `sync_conflicts` in step with a record's heads (a row while any field has two values). */
export function noteConflicts(db: Database, entity: string, id: string, heads: FieldHeads): void {
  const fields = conflictedFields(heads);
  if (fields.length === 0) {
    prepared(db, 'DELETE FROM sync_conflicts WHERE entity = ? AND entity_id = ?').run(entity, id);
    return;
  }
  prepared(db, `INSERT INTO sync_conflicts (entity, entity_id, fields, noticed_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (entity, entity_id) DO UPDATE SET fields = excluded.fields`).run(entity, id, JSON.stringify(fields), new Date().toISOString());
}

/** True when the record is listed as having conflicts. */
export function hasConflicts(db: Database, entity: string, id: string): boolean {
  return prepared(db, 'SELECT 1 FROM sync_conflicts WHERE entity = ? AND entity_id = ?').get(entity, id) !== undefined;
}
