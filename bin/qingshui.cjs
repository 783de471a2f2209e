#!/usr/bin/env node
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
// `qingshui hub …` runs the sync hub, a separate program that shares only shared/ with the workbench.
const isHub = process.argv[2] === 'hub';
const cli = join(__dirname, '..', 'dist', isHub ? 'hub' : 'electron', 'cli.cjs');
if (!existsSync(cli)) {
  console.error('错误：尚未构建，请先运行 npm run build');
  process.exit(1);
}
require(cli).main(process.argv.slice(isHub ? 3 : 2)).then((code) => { process.exitCode = code; });
