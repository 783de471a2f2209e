import { describe, expect, it } from 'vitest';
import { agreedUpTo, isBehind, type EpochInfo } from '../../shared/sync/epoch';

/*
 * Issue 21: where a laptop and a restored hub agree on sequence numbers, through the epochs' lineage —
 * also across two restores, and from a branch abandoned by restoring an older backup.
 */

const e1: EpochInfo = { id: 'a', n: 1, restoredFrom: null, lineage: [] };
// Restored from a backup taken in epoch 1 at sequence 100.
const e2: EpochInfo = { id: 'b', n: 2, restoredFrom: 100, lineage: [{ id: 'a', n: 1, restoredFrom: null }] };
// Restored again, from a backup taken in epoch 2 at sequence 180.
const e3: EpochInfo = { id: 'c', n: 3, restoredFrom: 180, lineage: [{ id: 'a', n: 1, restoredFrom: null }, { id: 'b', n: 2, restoredFrom: 100 }] };
// Restored instead from an older backup of epoch 1, at sequence 60 (epoch 2's branch abandoned).
const e4: EpochInfo = { id: 'd', n: 4, restoredFrom: 60, lineage: [{ id: 'a', n: 1, restoredFrom: null }] };

describe('hub epochs (issue 21)', () => {
  it('the same epoch needs nothing; the next one agrees up to its restore point', () => {
    expect(agreedUpTo(e1, e1)).toBeNull();
    expect(agreedUpTo(e1, e2)).toBe(100);
  });
  it('a laptop that missed an epoch agrees only up to the earliest restore point since the one it knew', () => {
    expect(agreedUpTo(e1, e3)).toBe(100);
    expect(agreedUpTo(e2, e3)).toBe(180);
  });
  it('a laptop on a branch abandoned by restoring an older backup agrees up to the lower of both branches’ points', () => {
    expect(agreedUpTo(e2, e4)).toBe(60);
    expect(agreedUpTo(e3, e4)).toBe(60);
  });
  it('no epoch in common: everything again; none known: the hub’s earliest restore point, or nothing for a hub never restored', () => {
    expect(agreedUpTo({ id: 'x', n: 1, restoredFrom: null }, e2)).toBe(0);
    expect(agreedUpTo(null, e1)).toBeNull();
    expect(agreedUpTo(null, e3)).toBe(100);
  });
  it('a hub back at an epoch the laptop has left is behind it', () => {
    expect(isBehind(e2, e1)).toBe(true);
    expect(isBehind(e2, e3)).toBe(false);
  });
});
