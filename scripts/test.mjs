// `npm test`: type-check, build, vitest (unit + integration), Playwright (e2e in Chromium), then one
// plain closing line "tests: N passed, N failed" summed over both runners. The PostgreSQL scenarios use
// QINGSHUI_TEST_PG, else a throwaway server started here (scripts/test-postgres.mjs); Chromium is the
// system's or Playwright's own (scripts/find-chromium.mjs).
// `npm test -- FILE…` runs only those files (test/e2e/ ones by Playwright, the others by vitest), with the
// same PostgreSQL and Chromium but without the type-check and the build.
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, NO_CHROMIUM } from './find-chromium.mjs';
import { runCommand, withTestPostgres } from './test-postgres.mjs';

const files = process.argv.slice(2).filter((a) => a !== '--');
const e2eFiles = files.filter((f) => /(^|\/)test\/e2e\/|\.spec\.ts$/.test(f));
const vitestFiles = files.filter((f) => !e2eFiles.includes(f));
const withVitest = files.length === 0 || vitestFiles.length > 0;
const withPlaywright = files.length === 0 || e2eFiles.length > 0;
const fail = (what) => { console.log(`tests: 0 passed, 1 failed (${what})`); process.exit(1); };

const chromium = withPlaywright ? await findChromium() : null;
if (withPlaywright && !chromium) { console.log(NO_CHROMIUM); fail('Chromium'); }

if (files.length === 0) {
  if (await runCommand('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) !== 0) fail('type-check');
  if (await runCommand('npm', ['run', '--silent', 'build']) !== 0) fail('build');
} else console.log(`== ${files.length} file(s): no type-check, no build (npm run build first when they use dist/)`);

const out = mkdtempSync(join(tmpdir(), 'qingshui-test-'));
const vitestJson = join(out, 'vitest.json');
const pwJson = join(out, 'playwright.json');
const [vitest, playwright] = await withTestPostgres(async (env) => [
  withVitest ? await runCommand('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`, ...vitestFiles], env) : 0,
  withPlaywright ? await runCommand('npx', ['playwright', 'test', '--reporter=list,json', ...e2eFiles], { ...env, CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson }) : 0,
]);

let passed = 0;
let failed = 0;
if (withVitest && existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests; failed += v.numFailedTests;
} else if (withVitest) failed += 1;
if (withPlaywright && existsSync(pwJson)) {
  const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
  passed += s.expected + s.flaky; failed += s.unexpected;
} else if (withPlaywright) failed += 1;
rmSync(out, { recursive: true, force: true });
if ((vitest !== 0 || playwright !== 0) && failed === 0) failed = 1;
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(vitest === 0 && playwright === 0 && failed === 0 ? 0 : 1);
