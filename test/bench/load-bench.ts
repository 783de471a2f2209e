import { directInserts, runLoad } from '../load/load-run';
import { report } from './measure';

/**
 * A small `npm run loadtest` (issue 21): 20 simulated laptops for 6 s against one hub process on
 * PostgreSQL, beside the same rows inserted directly; errors must be 0 and every change at the hub once.
 */
export async function benchLoad(results: boolean[]): Promise<void> {
  const pgUrl = process.env.QINGSHUI_TEST_PG ?? 'postgres://qingshui:qingshui@127.0.0.1:5432/postgres';
  const r = await runLoad({ pgUrl, laptops: 20, seconds: 6, processes: 1, batch: 50, photoEvery: 5 });
  const direct = await directInserts(pgUrl, r.pushed, 50);
  results.push(report('hub_load_20_laptops_ingest', r.ingestPerSec, 'changes/s', { name: 'the same rows inserted into PostgreSQL directly', value: direct }));
  results.push(report('hub_load_20_laptops_push_p95', r.push.p95, 'ms', { name: 'push p50', value: r.push.p50 }));
  results.push(report('hub_load_20_laptops_errors', r.errors + (r.exactlyOnce ? 0 : 1), 'count', { name: 'none allowed', value: 0 }, { max: 0 }));
}
