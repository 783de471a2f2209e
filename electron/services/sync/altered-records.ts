import type { Store } from '../../store/store';
import { takeBackInspections } from '../../store/refused-inspections';
import { noteRefusedRecord } from '../../store/sync-rejects';
import { alteredRecords } from '../../store/verify-records';

/**
 * Refuses received finalized inspections whose rows do not rebuild their signed record (DESIGN §11:
 * a laptop checks a 定稿 it receives — by pull, snapshot, history or bundle — against its frozen hash
 * before keeping it). Such an inspection is not kept: its rows and their change log go, inside the
 * caller's transaction, and it is listed among the refused changes with the reason. `ids` null: every
 * finalized inspection held (the end of a snapshot). Returns what was refused.
 */
export function refuseAlteredRecords(store: Store, ids: string[] | null, now: string): { cid: string; reason: string }[] {
  const { db } = store;
  if (ids !== null && ids.length === 0) return [];
  const altered = alteredRecords(db, ids);
  if (!altered.length) return [];
  takeBackInspections(db, altered.map((a) => a.id), store.nodeId);
  return altered.map(({ id, reason }) => {
    const cid = `inspection:${id}`;
    const why = `收到的${reason}，本机不予保存`;
    noteRefusedRecord(db, cid, 'inspection', id, why, now);
    return { cid, reason: why };
  });
}
