import { describe, expect, it } from 'vitest';
import { runTownWorld } from './sync-town-world';

describe('sync under faults with a town officer whose area and records move (seeded)', () => {
  it('the officer ends with every record of their towns as the county has it', async () => {
    const total = Number(process.env.SYNC_TOWN_SEEDS ?? 60);
    const first = Number(process.env.SYNC_FIRST_SEED ?? 1);
    const failures: string[] = [];
    const totals = { kills: 0, syncs: 0, bundles: 0 };
    for (let seed = first; seed < first + total; seed++) {
      const kind = seed % 20 === 0 ? 'pg' : 'sqlite';
      try {
        const r = await runTownWorld(seed, kind);
        totals.kills += r.kills; totals.syncs += r.syncs; totals.bundles += r.bundles;
        if (r.problems.length) failures.push(`seed ${seed} (${kind}): ${r.problems.join('; ')}`);
      } catch (e) {
        failures.push(`seed ${seed} (${kind}): ${(e as Error).stack}`);
      }
    }
    console.log(`town-officer sync faults, seeds ${first}–${first + total - 1}: ${totals.syncs} syncs, ${totals.kills} kills, ${totals.bundles} bundle trips`);
    expect(failures).toEqual([]);
  }, 3_600_000);
});
