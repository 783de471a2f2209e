import { DomainError } from '../../../shared/api/result';
import { forgetBlobConfirmations } from '../../store/blob-sync';
import { auditSentSeq, setAuditSentSeq } from '../../store/audit-log';
import { markUnsentAfter } from '../../store/change-log';
import type { Store } from '../../store/store';
import { readSyncState, writeSyncState } from '../../store/sync-state';

/** The hub's epoch as its token says (issue 21), and how far it holds this device's changes and audit entries. */
export type HubEpoch = { n: number; id: string; restoredFrom: number | null };

/** What a new epoch made this laptop do: the changes it will send again, and the epoch. */
export type EpochRestart = { epoch: number; resent: number; pullFrom: number };

/**
 * Notices a hub restored from a backup (a new epoch since the last sync) and picks up from its restore
 * point, in one transaction: this laptop's own changes after the number the hub holds are sent again,
 * the pull goes back to the restore point (the sequence numbers up to it mean the same changes in both
 * epochs; later ones do not), files are offered again, and audit entries sent again from where the hub
 * holds them. A snapshot under way starts over. Null when the epoch is the one last seen.
 */
export function followEpoch(store: Store, epoch: HubEpoch | undefined, lastNseq: number, auditSeq: number, from: 'sync' | 'bundle' = 'sync'): EpochRestart | null {
  if (!epoch) return null; // a hub from before epochs
  const s = readSyncState(store.db);
  if (!s.hubEpoch) { writeSyncState(store.db, { hubEpoch: { n: epoch.n, id: epoch.id } }); return null; }
  if (s.hubEpoch.id === epoch.id) return null;
  if (epoch.n < s.hubEpoch.n && from === 'bundle') {
    throw new DomainError('conflict', `同步包生成于同步中心从备份恢复之前（第 ${epoch.n} 纪元，本机已到第 ${s.hubEpoch.n} 纪元），已作废：请在同步中心为本机重新导出同步包`);
  }
  if (epoch.n < s.hubEpoch.n) {
    throw new DomainError('conflict', `同步中心的数据早于本机上次同步时的（第 ${epoch.n} 纪元，本机已到第 ${s.hubEpoch.n} 纪元）：它可能由更早的备份恢复后又被替换，或不是原来的中心。为免丢失数据未同步，请联系管理员`);
  }
  const pullFrom = s.snapshotDone ? Math.min(s.cursor, epoch.restoredFrom ?? 0) : 0;
  let resent = 0;
  store.transaction(() => {
    resent = markUnsentAfter(store.db, store.nodeId, lastNseq);
    forgetBlobConfirmations(store.db);
    if (auditSentSeq(store.db) > auditSeq) setAuditSentSeq(store.db, auditSeq);
    writeSyncState(store.db, {
      hubEpoch: { n: epoch.n, id: epoch.id }, cursor: pullFrom,
      ...(s.snapshotDone ? {} : { snapshot: null }),
    });
  });
  return { epoch: epoch.n, resent, pullFrom };
}
