import { randomBytes } from 'node:crypto';
import { addMeta, metaValue, replaceMeta } from '../db/meta';
import type { Queryable } from '../db/hub-db';

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
  /** The hub sequence the backup restored was taken at (null: never restored): laptops pull again from there. */
  restoredFrom: number | null;
  at: string;
};

const KEY = 'epoch';

/** The hub's current epoch (the first is made the first time it is asked for). */
export async function currentEpoch(q: Queryable): Promise<Epoch> {
  const kept = await metaValue(q, KEY);
  if (kept) return JSON.parse(kept) as Epoch;
  await addMeta(q, KEY, JSON.stringify({ n: 1, id: randomBytes(8).toString('hex'), restoredFrom: null, at: new Date().toISOString() } satisfies Epoch));
  return JSON.parse((await metaValue(q, KEY))!) as Epoch;
}

/** Starts the epoch after a restore: numbered past both the backup's and the hub's own before it. */
export async function startEpoch(q: Queryable, after: number, restoredFrom: number): Promise<Epoch> {
  const epoch: Epoch = { n: after + 1, id: randomBytes(8).toString('hex'), restoredFrom, at: new Date().toISOString() };
  if (await metaValue(q, KEY)) await replaceMeta(q, KEY, JSON.stringify(epoch));
  else await addMeta(q, KEY, JSON.stringify(epoch));
  return epoch;
}
