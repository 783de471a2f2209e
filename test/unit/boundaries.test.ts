import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)/g)]
    .map((m) => m[1] ?? m[2] ?? m[3]);
}

function target(file: string, spec: string): string {
  return spec.startsWith('.') ? relative(ROOT, join(ROOT, file, '..', spec)) : spec;
}

/** DESIGN §1: arrows only point down. renderer → shared ← electron; hub → shared. */
describe('import boundaries', () => {
  it('shared/ imports nothing of ours outside shared/, and no node:, electron or DOM libraries', () => {
    for (const file of sources('shared')) {
      for (const spec of imports(file)) {
        const t = target(file, spec);
        expect(spec.startsWith('.') ? t.startsWith('shared') : !/^(node:|electron|react|better-sqlite3)/.test(spec), `${file} imports ${spec}`).toBe(true);
      }
    }
  });
  it('renderer/ never imports electron/ or hub/', () => {
    for (const file of sources('renderer')) {
      for (const spec of imports(file)) {
        const t = target(file, spec);
        expect(/^(electron|hub)(\/|$)/.test(t) || /^node:/.test(spec) || spec === 'better-sqlite3', `${file} imports ${spec}`).toBe(false);
      }
    }
  });
  it("only main.ts, preload.ts and security.ts import 'electron'", () => {
    const allowed = new Set(['electron/main.ts', 'electron/preload.ts', 'electron/security.ts']);
    for (const file of [...sources('electron'), ...sources('shared'), ...sources('renderer')]) {
      if (imports(file).includes('electron')) expect(allowed.has(file), `${file} imports electron`).toBe(true);
    }
  });
  it('electron/ does not import renderer/', () => {
    for (const file of sources('electron')) {
      for (const spec of imports(file)) expect(target(file, spec).startsWith('renderer'), `${file} imports ${spec}`).toBe(false);
    }
  });
  it('keeps files to a few hundred lines', () => {
    for (const file of [...sources('electron'), ...sources('shared'), ...sources('renderer')]) {
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n').length;
      expect(lines, `${file} has ${lines} lines`).toBeLessThanOrEqual(400);
    }
  });
});
