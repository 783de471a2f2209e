import { auditAfter, auditSentSeq, setAuditSentSeq } from '../../store/audit-log';
import type { Store } from '../../store/store';
import { hubSession } from './session';

const BATCH = 500;

/**
 * Sends this laptop's audit entries the hub has not yet kept (issue 18: the audit log is synced to the
 * hub, where it is kept chained per device). Returns how many the hub kept.
 */
export async function pushAuditLog(store: Store): Promise<number> {
  let after = auditSentSeq(store.db);
  let entries = auditAfter(store.db, after, BATCH);
  if (!entries.length) return 0;
  const client = await hubSession(store);
  let kept = 0;
  while (entries.length) {
    const r = await client.request<{ kept: number; lastSeq: number }>('POST', '/v1/audit', { entries });
    kept += r.kept;
    after = r.lastSeq;
    setAuditSentSeq(store.db, after);
    entries = auditAfter(store.db, after, BATCH);
  }
  return kept;
}
