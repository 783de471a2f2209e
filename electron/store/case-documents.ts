import type { Database } from 'better-sqlite3';
import { prepared } from './statements';

/** Every issued document of a kind in the workspace, by 文号 (numbers are unique per kind). */
export function issuedDocumentsOfKind(db: Database, kind: string): { id: string; caseId: string; number: string }[] {
  return prepared(db, `SELECT id, stream_id AS caseId, json_extract(data, '$.number') AS number FROM record_events
    WHERE stream = 'case' AND kind = 'document' AND deleted_at IS NULL AND json_extract(data, '$.kind') = ?`).all(kind) as { id: string; caseId: string; number: string }[];
}

/** Every document event of the workspace (what 完整性校验 checks), by case and log order. */
export function allDocumentEvents(db: Database): { id: string; caseId: string; hlc: string; data: string }[] {
  return db.prepare(`SELECT id, stream_id AS caseId, hlc, data FROM record_events WHERE stream = 'case' AND kind = 'document' AND deleted_at IS NULL
    ORDER BY stream_id, hlc, id`).all() as { id: string; caseId: string; hlc: string; data: string }[];
}
