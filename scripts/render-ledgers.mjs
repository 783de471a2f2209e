// Renders every available ledger of a workspace as a user sees it printed:
//   node scripts/render-ledgers.mjs --data DIR --out OUTDIR
// exports each ledger with the CLI, converts it with LibreOffice to PDF and with pdftoppm to PNG pages.
// Needs `apt-get install libreoffice-calc-nogui poppler-utils` (not part of CI: look at the pages).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' } } });
if (!values.data || !values.out) { console.error('用法：node scripts/render-ledgers.mjs --data DIR --out OUTDIR'); process.exit(2); }
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const bin = join(import.meta.dirname, '..', 'bin', 'qingshui.cjs');
const ledgers = JSON.parse(execFileSync(process.execPath, [bin, 'ledgers', '--json'], { encoding: 'utf8' }));
for (const { id, name } of ledgers) {
  const xlsx = join(out, `${id}.xlsx`);
  const r = spawnSync(process.execPath, [bin, 'export', id, '--data', values.data, '--out', xlsx], { encoding: 'utf8' });
  if (r.status !== 0) { console.log(`${name}：${r.stderr.trim()}`); continue; }
  const lo = spawnSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, xlsx], { encoding: 'utf8' });
  if (lo.status !== 0) { console.log(`${name}：LibreOffice 转换失败 ${lo.stderr}`); continue; }
  spawnSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '2', join(out, `${id}.pdf`), join(out, id)]);
  console.log(`${name}：${join(out, `${id}.pdf`)}（前两页 PNG：${join(out, `${id}-*.png`)}）`);
}
