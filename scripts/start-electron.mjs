// `npm start`: launches the desktop. better-sqlite3 in node_modules is built for Node (CLI, tests);
// Electron needs a build for its own ABI, made once here and kept apart in .electron-native/.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const bin = (name) => join('node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

let electronPath;
try {
  electronPath = require('electron');
} catch {
  console.error('错误：未找到 Electron 程序（安装时未能下载）。请在能联网的电脑上执行 npm ci 后再运行 npm start；\n不联网也可以用浏览器版：npm run web');
  process.exit(1);
}
const version = require('electron/package.json').version;
const binding = resolve('.electron-native', `${version}-${process.platform}-${process.arch}`, 'better_sqlite3.node');

if (!existsSync(binding)) {
  console.log(`为 Electron ${version} 准备 better-sqlite3（仅第一次）…`);
  const work = mkdtempSync(join(tmpdir(), 'qingshui-native-'));
  cpSync(join('node_modules', 'better-sqlite3'), work, { recursive: true });
  rmSync(join(work, 'build'), { recursive: true, force: true });
  const opts = { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' };
  const prebuilt = spawnSync(resolve(bin('prebuild-install')), ['--runtime', 'electron', '--target', version, '--arch', process.arch], opts);
  if (prebuilt.status !== 0) {
    const built = spawnSync(resolve(bin('node-gyp')), ['rebuild', '--release', `--target=${version}`, `--arch=${process.arch}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], opts);
    if (built.status !== 0) {
      console.error('错误：无法为 Electron 准备 better-sqlite3（需要联网下载预编译文件，或安装 Python 与 C++ 编译工具）。可先用浏览器版：npm run web');
      process.exit(1);
    }
  }
  mkdirSync(dirname(binding), { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), binding);
  rmSync(work, { recursive: true, force: true });
}

const child = spawn(electronPath, ['.'], { stdio: 'inherit', env: { ...process.env, QINGSHUI_SQLITE_BINDING: binding } });
child.on('exit', (code) => process.exit(code ?? 0));
