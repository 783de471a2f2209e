// `npm run soak -- --seeds N [--from S]`: the seeded sync fault suites (three laptops; a town officer among them) with more seeds than CI runs,
// on QINGSHUI_TEST_PG or a throwaway PostgreSQL server (scripts/test-postgres.mjs).
import { parseArgs } from 'node:util';
import { runCommand, withTestPostgres } from './test-postgres.mjs';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '10000' }, from: { type: 'string', default: '1' } } });
const status = await withTestPostgres((env) => runCommand('npx', ['vitest', 'run', 'test/integration/sync-faults-a.test.ts', 'test/integration/sync-faults-b.test.ts', 'test/integration/sync-faults-town.test.ts'], {
  ...env, SYNC_SEEDS: values.seeds, SYNC_TOWN_SEEDS: values.seeds, SYNC_FIRST_SEED: values.from,
}));
process.exit(status);
