import type { Database } from 'better-sqlite3';
import { forgetRecordLog } from './change-log';
import { INSPECTION_ANSWER, INSPECTION_FINDING, INSPECTION_PHOTO, INSPECTION_RECORDING, INSPECTION_SIGNATURE } from './entities';
import { withInspectionUnlocked } from './frozen-triggers';
import { prepared } from './statements';
import { forgetConflicts } from './sync-conflicts';

const EVIDENCE = [INSPECTION_ANSWER, INSPECTION_PHOTO, INSPECTION_RECORDING, INSPECTION_SIGNATURE, INSPECTION_FINDING];

/**
 * Takes back finalized inspections this laptop received and refused (DESIGN §11: their rows do not
 * rebuild their signed record), so that nothing of them is kept: the inspection, its signed record,
 * its evidence's rows, and the change log other devices sent of each and its conflicts — inside the caller's transaction,
 * with the triggers on an inspection's tables lifted for it and re-armed before the caller commits.
 */
export function takeBackInspections(db: Database, ids: string[], ownNode: string): void {
  if (ids.length === 0) return;
  withInspectionUnlocked(db, () => {
    for (const id of ids) {
      const parts: [string, string][] = [['inspection', id], ['inspection_record', id]];
      for (const spec of EVIDENCE) {
        for (const child of prepared(db, `SELECT ${spec.key} FROM ${spec.table} WHERE inspection_id = ?`).pluck().all(id) as string[]) parts.push([spec.entity, child]);
        prepared(db, `DELETE FROM ${spec.table} WHERE inspection_id = ?`).run(id);
      }
      prepared(db, 'DELETE FROM inspection_records WHERE inspection_id = ?').run(id);
      prepared(db, 'DELETE FROM inspections WHERE id = ?').run(id);
      for (const [entity, entityId] of parts) { forgetRecordLog(db, entity, entityId, ownNode); forgetConflicts(db, entity, entityId); }
    }
  });
}
