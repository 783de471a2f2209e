// Bundles the Node-side entry points (CLI, Electron main and preload, bench) with esbuild.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
  ['electron/cli.ts', 'dist/electron/cli.cjs'],
  ['hub/cli.ts', 'dist/hub/cli.cjs'],
  ['electron/main.ts', 'dist/electron/main.cjs'],
  ['electron/preload.ts', 'dist/electron/preload.cjs'],
  ['test/bench/bench.ts', 'dist/test/bench.cjs'],
  ['test/load/loadtest.ts', 'dist/test/loadtest.cjs'],
].filter(([src]) => existsSync(src));

await Promise.all(entries.map(([entry, outfile]) => build({
  entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
  sourcemap: true, logLevel: 'warning',
  external: ['better-sqlite3', 'sharp', 'electron', 'playwright-core', '@playwright/test', 'pg', 'pino', 'fastify'],
})));
