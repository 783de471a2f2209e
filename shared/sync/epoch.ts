/*
 * The hub's epochs (issue 21). A hub put back from a backup starts a new epoch; its sequence numbers up
 * to the backup's point mean the same changes as before, later ones do not. An epoch carries its
 * lineage — the epochs it descends from, each with the sequence it was restored from — so a laptop that
 * last knew any of them (even one on a branch abandoned by restoring an older backup) finds the point
 * up to which its numbering and the hub's agree.
 */

export type EpochStep = { id: string; n: number; restoredFrom: number | null };
export type EpochInfo = EpochStep & { lineage?: EpochStep[] };

const chain = (e: EpochInfo): EpochStep[] => [...(e.lineage ?? []), { id: e.id, n: e.n, restoredFrom: e.restoredFrom }];

/**
 * Up to which hub sequence a laptop that last knew `known` (null: it never recorded an epoch) and the
 * hub now at `now` agree; null when they are the same epoch. With no epoch in common: 0 (all again).
 */
export function agreedUpTo(known: EpochInfo | null, now: EpochInfo): number | null {
  const hub = chain(now);
  if (!known) {
    // A laptop from before epochs: only a hub never restored is surely the one it synced with.
    const points = hub.map((e) => e.restoredFrom).filter((x): x is number => x !== null);
    return points.length ? Math.min(...points) : null;
  }
  if (known.id === now.id) return null;
  const mine = chain(known);
  let common = 0;
  while (common < mine.length && common < hub.length && mine[common].id === hub[common].id) common++;
  if (common === 0) return 0;
  const after = [...mine.slice(common), ...hub.slice(common)].map((e) => e.restoredFrom).filter((x): x is number => x !== null);
  return after.length ? Math.min(...after) : 0;
}

/** Whether the hub's epoch is one the laptop has already left behind (the hub went back without a restore). */
export function isBehind(known: EpochInfo, now: EpochInfo): boolean {
  return (known.lineage ?? []).some((e) => e.id === now.id);
}
