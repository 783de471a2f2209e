// `npm run soak -- --seeds N [--from S]`: the seeded sync fault suites (three laptops; a town officer among them) with more seeds than CI runs.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '10000' }, from: { type: 'string', default: '1' } } });
const status = spawnSync('npx', ['vitest', 'run', 'test/integration/sync-faults-a.test.ts', 'test/integration/sync-faults-b.test.ts', 'test/integration/sync-faults-town.test.ts'], {
  stdio: 'inherit', env: { ...process.env, SYNC_SEEDS: values.seeds, SYNC_TOWN_SEEDS: values.seeds, SYNC_FIRST_SEED: values.from },
}).status;
process.exit(status ?? 1);
