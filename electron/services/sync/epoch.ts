import { DomainError } from '../../../shared/api/result';
import { agreedUpTo, isBehind, type EpochInfo } from '../../../shared/sync/epoch';
import { forgetBlobConfirmations } from '../../store/blob-sync';
import { auditSentSeq, setAuditSentSeq } from '../../store/audit-log';
import { markUnsentAfter } from '../../store/change-log';
import type { Store } from '../../store/store';
import { readSyncState, writeSyncState } from '../../store/sync-state';

/** The hub's epoch as its token or return bundle says (issue 21; `shared/sync/epoch.ts`). */
export type HubEpoch = EpochInfo;

/** What a new epoch made this laptop do: the changes it will send again, and where its pull begins again. */
export type EpochRestart = { epoch: number; resent: number; pullFrom: number };

/**
 * Holds this laptop to what the hub says it holds, at every connection: its own changes after the
 * number the hub has of it are sent again, and audit entries after the hub's last (a hub restored from a
 * backup forgot them; otherwise nothing changes). Returns how many changes will be sent again.
 */
export function heldByHub(store: Store, lastNseq: number, auditSeq: number): number {
  let resent = 0;
  store.transaction(() => {
    resent = markUnsentAfter(store.db, store.nodeId, lastNseq);
    if (auditSentSeq(store.db) > auditSeq) setAuditSentSeq(store.db, auditSeq);
  });
  return resent;
}

/**
 * Notices a hub restored from a backup (an epoch this laptop has not followed) and picks up from the
 * point up to which its sequence numbers and the hub's agree (`agreedUpTo`, through the epochs' lineage):
 * the pull goes back there, files are offered again, a snapshot under way starts over. Null when the
 * epoch is the one followed already. An epoch the laptop has left behind is refused.
 */
export function followEpoch(store: Store, epoch: HubEpoch | undefined, from: 'sync' | 'bundle' = 'sync'): Omit<EpochRestart, 'resent'> | null {
  if (!epoch) return null; // a hub from before epochs
  const s = readSyncState(store.db);
  const known = s.hubEpoch;
  if (known && isBehind(known, epoch)) {
    if (from === 'bundle') throw new DomainError('conflict', `同步包生成于同步中心从备份恢复之前（第 ${epoch.n} 纪元，本机已到第 ${known.n} 纪元），已作废：请在同步中心为本机重新导出同步包`);
    throw new DomainError('conflict', `同步中心的数据早于本机上次同步时的（第 ${epoch.n} 纪元，本机已到第 ${known.n} 纪元）：它可能被换回了更早的数据库。为免丢失数据未同步，请联系管理员`);
  }
  const agreed = agreedUpTo(known, epoch);
  const keep = { hubEpoch: { n: epoch.n, id: epoch.id, restoredFrom: epoch.restoredFrom, lineage: epoch.lineage ?? [] } };
  if (agreed === null) {
    if (!known || known.id !== epoch.id) writeSyncState(store.db, keep);
    return null;
  }
  const pullFrom = s.snapshotDone ? Math.min(s.cursor, agreed) : 0;
  store.transaction(() => {
    forgetBlobConfirmations(store.db);
    writeSyncState(store.db, { ...keep, cursor: pullFrom, ...(s.snapshotDone ? {} : { snapshot: null }) });
  });
  return { epoch: epoch.n, pullFrom };
}
