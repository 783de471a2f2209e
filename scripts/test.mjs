// `npm test`: type-check, build, vitest (unit + integration), Playwright (e2e in Chromium), then one
// plain closing line "tests: N passed, N failed" summed over both runners.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'qingshui-test-'));
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const npx = (args, env) => run('npx', args, env);

for (const step of [['tsc', '--noEmit', '-p', 'tsconfig.json']]) {
  if (npx(step) !== 0) { console.log('tests: 0 passed, 1 failed (type-check)'); process.exit(1); }
}
if (run('npm', ['run', '--silent', 'build']) !== 0) { console.log('tests: 0 passed, 1 failed (build)'); process.exit(1); }

const vitestJson = join(out, 'vitest.json');
const vitest = npx(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const pwJson = join(out, 'playwright.json');
const playwright = npx(['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });

let passed = 0;
let failed = 0;
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests; failed += v.numFailedTests;
} else failed += 1;
if (existsSync(pwJson)) {
  const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
  passed += s.expected + s.flaky; failed += s.unexpected;
} else failed += 1;
if ((vitest !== 0 || playwright !== 0) && failed === 0) failed = 1;
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(vitest === 0 && playwright === 0 && failed === 0 ? 0 : 1);
