import { expect, it } from 'vitest';
import { runWorld } from './sync-world';

/**
 * Runs a share of the seeded fault runs (`SYNC_SEEDS`, 200 by default in CI; `npm run soak -- --seeds N`
 * for more): `part` of `parts`, so two test files use two workers.
 */
export function faultSeeds(part: number, parts: number): void {
  const total = Number(process.env.SYNC_SEEDS ?? 200);
  const first = Number(process.env.SYNC_FIRST_SEED ?? 1);
  const per = Math.ceil(total / parts);
  const from = first + part * per;
  const to = Math.min(first + total, from + per);
  it(`seeds ${from}–${to - 1} converge: every change at the hub, every blob intact, one state, the same conflicts everywhere`, async () => {
    const failures: string[] = [];
    const totals = { kills: 0, syncs: 0, bundles: 0, conflicts: 0 };
    for (let seed = from; seed < to; seed++) {
      const kind = seed % 20 === 0 ? 'pg' : 'sqlite';
      try {
        const r = await runWorld(seed, kind);
        for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k];
        if (r.problems.length) failures.push(`seed ${seed} (${kind}): ${r.problems.join('; ')}`);
      } catch (e) {
        failures.push(`seed ${seed} (${kind}): ${(e as Error).stack}`);
      }
    }
    console.log(`sync faults, seeds ${from}–${to - 1}: ${totals.syncs} syncs, ${totals.kills} kills, ${totals.bundles} bundle trips, ${totals.conflicts} conflicts at the end`);
    expect(failures).toEqual([]);
  }, 3_600_000);
}
