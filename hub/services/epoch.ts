import { randomBytes } from 'node:crypto';
import { addMeta, metaValue, replaceMeta } from '../db/meta';
import { HubRefusal } from './hub-error';
import type { Queryable } from '../db/hub-db';
import type { EpochStep } from '../../shared/sync/epoch';

/*
 * The hub's epoch (issue 21). A hub put back from a backup has forgotten what it acknowledged after
 * the backup, and its sequence numbers after that point will be given again to other changes. So a
 * restore starts a new epoch: every laptop sees it at its next sync (in its token), re-pushes its own
 * changes from the number the restored hub holds for it, and pulls again from the restore point — the
 * numbers up to it mean the same changes in both epochs. Nothing acknowledged after the backup is lost:
 * each laptop still holds what it made, and sends it again.
 */

export type Epoch = {
  /** 1 for a hub never restored; one more at each restore. */
  n: number;
  id: string;
  /** The hub sequence the restored backup held (null: never restored): laptops pull again from there. */
  restoredFrom: number | null;
  at: string;
  /** The epochs this one descends from, oldest first (`shared/sync/epoch.ts`). */
  lineage?: EpochStep[];
};

const KEY = 'epoch';

/** The hub's current epoch (the first is made the first time it is asked for). */
export async function currentEpoch(q: Queryable): Promise<Epoch> {
  const kept = await metaValue(q, KEY);
  if (kept) return JSON.parse(kept) as Epoch;
  await addMeta(q, KEY, JSON.stringify({ n: 1, id: randomBytes(8).toString('hex'), restoredFrom: null, at: new Date().toISOString() } satisfies Epoch));
  return JSON.parse((await metaValue(q, KEY))!) as Epoch;
}

/**
 * Starts the epoch after a restore, descending from the backup's (the one the restored database holds):
 * numbered past both it and the hub's own before the restore.
 */
export async function startEpoch(q: Queryable, after: number, restoredFrom: number): Promise<Epoch> {
  const parent = await currentEpoch(q);
  const epoch: Epoch = {
    n: Math.max(after, parent.n) + 1, id: randomBytes(8).toString('hex'), restoredFrom, at: new Date().toISOString(),
    lineage: [...(parent.lineage ?? []), { id: parent.id, n: parent.n, restoredFrom: parent.restoredFrom }],
  };
  if (await metaValue(q, KEY)) await replaceMeta(q, KEY, JSON.stringify(epoch));
  else await addMeta(q, KEY, JSON.stringify(epoch));
  return epoch;
}

/**
 * Refuses a request made in another epoch than the hub's (a laptop mid-sync across a restore, or one
 * too old to know epochs, once the hub has been restored): its next sync follows the new epoch first.
 */
export async function checkEpoch(q: Queryable, claimed: string | undefined): Promise<void> {
  const e = await currentEpoch(q);
  if (e.restoredFrom === null && !claimed) return;
  if (claimed === e.id) return;
  if (!claimed) throw new HubRefusal(426, 'epoch', `同步中心已从备份恢复（第 ${e.n} 纪元），本机的清水工作台版本过旧、不能跟上：请先升级本机的程序再同步`);
  throw new HubRefusal(409, 'epoch', `同步中心已从备份恢复（第 ${e.n} 纪元）：请重新同步，本机会从恢复点起重新上传和接收`);
}
