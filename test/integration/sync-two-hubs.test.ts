import { describe, expect, it } from 'vitest';
import { runWorld } from './sync-world';

/*
 * Issue 21: any number of hub processes serve one county from one PostgreSQL — nothing one needs is
 * kept in another's memory (sequence numbers, sessions, throttling, quarantine, enrolment and files are
 * in the database). Two real `qingshui hub start` processes, files in the database, and three laptops
 * that go to one or the other at each step of the fault suite (kills, lost and repeated requests, USB
 * bundles): every change at the hub exactly once, every file intact, one state, the same conflicts.
 */

const SEEDS = Number(process.env.SYNC_TWO_HUB_SEEDS ?? 3);

describe('two hub processes on one PostgreSQL (issue 21)', () => {
  it(`seeds 1–${SEEDS} converge with laptops alternating between the processes`, async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      try {
        const r = await runWorld(seed, 'pg', 40, { processes: 2 });
        if (r.problems.length) failures.push(`seed ${seed}: ${r.problems.join('; ')}`);
      } catch (e) {
        failures.push(`seed ${seed}: ${(e as Error).stack}`);
      }
    }
    expect(failures).toEqual([]);
  }, 900_000);
});
