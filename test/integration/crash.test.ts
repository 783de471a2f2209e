import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';
import { DEMO_ENV } from './cli-env';

const BIN = join(__dirname, '..', '..', 'bin', 'qingshui.cjs');
const qingshui = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: DEMO_ENV });

describe('a crash at any moment', () => {
  it('leaves the store consistent: a demo killed mid-write leaves nothing partial, and can be run again', async () => {
    const dir = join(tempDir(), 'ws');
    const child = spawn(process.execPath, [BIN, 'demo', '--data', dir, '--scale', '40'], { stdio: 'ignore' });
    const file = join(dir, 'workspace.qingshui');
    // The demo is built in a staging folder and moved into place whole (issue 16: all or nothing).
    const staging = join(dir, '.demo-staging', 'workspace.qingshui');
    for (let i = 0; i < 200 && !existsSync(file) && !existsSync(staging); i++) await new Promise((ok) => setTimeout(ok, 25));
    await new Promise((ok) => setTimeout(ok, 700)); // well inside the demo's one transaction (≈2.5 s at this scale)
    child.kill('SIGKILL');
    await new Promise((ok) => child.once('exit', ok));

    if (!existsSync(file)) {
      // Killed while staging: no workspace at all, and a re-run builds it.
      expect(qingshui('demo', '--data', dir).status).toBe(0);
      expect(JSON.parse(qingshui('stats', '--data', dir, '--json').stdout).enterprises).toBe(400);
      return;
    }
    const check = qingshui('check', '--data', dir, '--json');
    expect(check.status, check.stderr).toBe(0);
    const stats = JSON.parse(qingshui('stats', '--data', dir, '--json').stdout);
    expect([0, 16000]).toContain(stats.enterprises); // all or nothing
    if (stats.enterprises === 0) {
      expect(stats.changes).toBe(stats.checklistTemplates); // only the built-in templates, seeded on open
      expect(qingshui('demo', '--data', dir).status).toBe(0);
      expect(JSON.parse(qingshui('stats', '--data', dir, '--json').stdout).enterprises).toBe(400);
    }
  });
});
