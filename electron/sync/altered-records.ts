import type { Database } from 'better-sqlite3';
import { INSPECTION_ANSWER, INSPECTION_FINDING, INSPECTION_PHOTO, INSPECTION_SIGNATURE } from '../store/entities';
import { prepared } from '../store/statements';
import { alteredRecords } from '../store/verify-records';
import { withInspectionUnlocked } from './frozen-triggers';

const EVIDENCE = [INSPECTION_ANSWER, INSPECTION_PHOTO, INSPECTION_SIGNATURE, INSPECTION_FINDING];

/**
 * Refuses received finalized inspections whose rows do not rebuild their signed record (DESIGN §11:
 * a laptop checks a 定稿 it receives — by pull, snapshot, history or bundle — against its frozen hash
 * before keeping it). Such an inspection is not kept: its rows and their change log go, inside the
 * caller's transaction, and it is listed among the refused changes with the reason. `ids` null: every
 * finalized inspection held (the end of a snapshot). Returns what was refused.
 */
export function refuseAlteredRecords(db: Database, ids: string[] | null, now: string): { cid: string; reason: string }[] {
  if (ids !== null && ids.length === 0) return [];
  const altered = alteredRecords(db, ids);
  if (!altered.length) return [];
  const refused: { cid: string; reason: string }[] = [];
  withInspectionUnlocked(db, () => {
    for (const { id, reason } of altered) {
      const parts: [string, string][] = [['inspection', id], ['inspection_record', id]];
      for (const spec of EVIDENCE) {
        for (const child of db.prepare(`SELECT ${spec.key} FROM ${spec.table} WHERE inspection_id = ?`).pluck().all(id) as string[]) parts.push([spec.entity, child]);
        db.prepare(`DELETE FROM ${spec.table} WHERE inspection_id = ?`).run(id);
      }
      db.prepare('DELETE FROM inspection_records WHERE inspection_id = ?').run(id);
      db.prepare('DELETE FROM inspections WHERE id = ?').run(id);
      const forget = prepared(db, 'DELETE FROM changes WHERE entity = ? AND entity_id = ?');
      const unconflict = prepared(db, 'DELETE FROM sync_conflicts WHERE entity = ? AND entity_id = ?');
      for (const [entity, entityId] of parts) { forget.run(entity, entityId); unconflict.run(entity, entityId); }
      const cid = `inspection:${id}`;
      const why = `收到的${reason}，本机不予保存`;
      prepared(db, 'INSERT OR REPLACE INTO sync_rejects (cid, entity, entity_id, change, reason, at) VALUES (?, ?, ?, ?, ?, ?)').run(cid, 'inspection', id, '{}', why, now);
      refused.push({ cid, reason: why });
    }
  });
  return refused;
}
