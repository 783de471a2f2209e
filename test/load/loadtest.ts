import { parseArgs } from 'node:util';
import { directInserts, runLoad, type LoadResult } from './load-run';

/*
 * `npm run loadtest -- --laptops 1000 [--seconds 30] [--processes 1,2] [--batch 50] [--photo-every 5]`
 * (issue 21): simulated laptops against 1 and 2 hub processes on one PostgreSQL on loopback, each for a
 * bounded time; prints per configuration the changes ingested per second, push and pull latency
 * percentiles, errors (must be 0) and whether every change pushed is at the hub exactly once, beside a
 * baseline from the same run (the same rows inserted into PostgreSQL directly).
 */

const PG = process.env.QINGSHUI_TEST_PG ?? 'postgres://qingshui:qingshui@127.0.0.1:5432/postgres';

export function printLoad(r: LoadResult, baseline: number): void {
  const tag = `${r.processes}p_${r.laptops}laptops`;
  console.log(`load_${tag}_ingest: ${r.ingestPerSec.toFixed(0)} changes/s  [baseline direct inserts: ${baseline.toFixed(0)} changes/s (${(r.ingestPerSec / baseline).toFixed(2)}×); target ≥ 10000: ${r.ingestPerSec >= 10_000 ? 'ok' : 'MISSED'}]`);
  console.log(`load_${tag}_push_latency: p50 ${r.push.p50.toFixed(0)} ms, p95 ${r.push.p95.toFixed(0)} ms, p99 ${r.push.p99.toFixed(0)} ms  [target p95 ≤ 500 ms: ${r.push.p95 <= 500 ? 'ok' : 'MISSED'}]`);
  console.log(`load_${tag}_pull_latency: p50 ${r.pull.p50.toFixed(0)} ms, p95 ${r.pull.p95.toFixed(0)} ms, p99 ${r.pull.p99.toFixed(0)} ms`);
  console.log(`load_${tag}_errors: ${r.errors}  [must be 0${r.errors ? `: ${r.firstErrors.join(' | ')}` : ''}]; exactly once at the hub: ${r.exactlyOnce ? 'yes' : 'NO'}; ${r.pushed} changes in ${r.pushes} pushes, ${r.pulls} pulls, ${r.photos} photos in ${r.seconds.toFixed(1)} s; enrolment through the API ${r.enrolMs.toFixed(0)} ms each`);
}

async function main(): Promise<void> {
  const { values: v } = parseArgs({ options: { laptops: { type: 'string' }, seconds: { type: 'string' }, processes: { type: 'string' }, batch: { type: 'string' }, 'photo-every': { type: 'string' } } });
  const laptops = Number(v.laptops ?? 1000);
  const seconds = Number(v.seconds ?? 30);
  const batch = Number(v.batch ?? 50);
  const photoEvery = Number(v['photo-every'] ?? 5);
  const processes = (v.processes ?? '1,2').split(',').map(Number);
  if (![laptops, seconds, batch].every((n) => Number.isInteger(n) && n > 0) || laptops > 20_000 || seconds > 3600 || batch > 5000) throw new Error('--laptops 1–20000, --seconds 1–3600, --batch 1–5000');
  const results: LoadResult[] = [];
  for (const p of processes) results.push(await runLoad({ pgUrl: PG, laptops, seconds, processes: p, batch, photoEvery }));
  const baseline = await directInserts(PG, Math.max(...results.map((r) => r.pushed), batch), batch);
  for (const r of results) printLoad(r, baseline);
  if (results.length > 1) {
    const [one, two] = results;
    console.log(`load_scaling_2p_over_1p: ${(two.ingestPerSec / one.ingestPerSec).toFixed(2)}×  [target ≥ 1.6×: ${two.ingestPerSec / one.ingestPerSec >= 1.6 ? 'ok' : 'MISSED'}]`);
  }
  if (results.some((r) => r.errors || !r.exactlyOnce)) process.exitCode = 1;
}

if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
