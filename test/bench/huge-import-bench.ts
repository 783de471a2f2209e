// Bench of a hostile-sized import (issue 16): a full 1,048,575-row sheet is refused at 200,000 rows
// with memory bounded by that, not by the file. Measured in a child process (`qingshui import`), its
// peak RSS beside the same command line's resting footprint (`qingshui stats`).
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { report } from './measure';

const BIN = join(__dirname, '..', '..', 'bin', 'qingshui.cjs');
const EXCEL_MAX_ROWS = 1_048_576;

/** Runs the command line with a preload that reports its peak RSS on exit: { ms, rssMb, stderr }. */
function measured(root: string, args: string[]): { ms: number; rssMb: number; stderr: string; stdout: string } {
  const preload = join(root, 'maxrss.cjs');
  // VmHWM, not getrusage's maxRSS: the latter carries the forking parent's peak across exec.
  writeFileSync(preload, "process.on('exit', () => { const m = /VmHWM:\\s*(\\d+)/.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8')); require('node:fs').writeSync(2, '\\nmaxrss ' + (m ? m[1] : 'NaN') + '\\n'); });");
  const t = performance.now();
  const r = spawnSync(process.execPath, ['-r', preload, BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t;
  const kb = Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { ms, rssMb: kb / 1024, stderr: r.stderr, stdout: r.stdout };
}

/** A register of `rows` valid enterprises, every name and address its own (the workbook's table of texts grows with rows). */
async function register(file: string, rows: number): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = writer.addWorksheet('排污单位名录');
  ws.addRow(['序号', '单位名称', '统一社会信用代码', '所属镇街', '地址', '经度', '纬度', '联系人', '联系电话']).commit();
  for (let i = 1; i <= rows; i++) ws.addRow([i, `清水县第${i}号排污单位有限公司`, '', '城关街道', `城关街道工业园${i}号`, 115.1 + (i % 1000) / 1e4, 25.9 + (i % 700) / 1e4, '张三', '13900000000']).commit();
  ws.commit();
  await writer.commit();
}

/**
 * Issue 20: import never holds the whole file — the check of a 150,000-row register beside the same
 * check of a 20,000-row one, each in its own process (peak RSS). What still grows is the workbook's
 * table of distinct texts (packed as UTF-8) and the rows' identities kept to find duplicates.
 */
export async function benchImportMemory(dataDir: string, root: string, results: boolean[]): Promise<void> {
  const runs: Record<number, { ms: number; rssMb: number }> = {};
  for (const rows of [20_000, 150_000]) {
    const file = join(root, `register-${rows}.xlsx`);
    await register(file, rows);
    const r = measured(root, ['import', 'enterprises', file, '--data', dataDir, '--dry-run', '--json']);
    if (JSON.parse(r.stdout || '{}').rows !== rows) throw new Error(`the ${rows}-row check did not read every row: ${r.stderr.slice(0, 300)}`);
    runs[rows] = r;
  }
  results.push(report('import_150000_rows_check_peak_rss', runs[150_000].rssMb, 'MB', { name: 'the same check of 20,000 rows', value: runs[20_000].rssMb }, { max: runs[20_000].rssMb * 1.4 }));
  results.push(report('import_150000_rows_check', runs[150_000].ms, 'ms', { name: '7.5 × the check of 20,000 rows', value: runs[20_000].ms * 7.5 }, { max: runs[20_000].ms * 7.5 * 1.5 }));
}

export async function benchHugeImport(dataDir: string, root: string, results: boolean[]): Promise<void> {
  const file = join(root, 'excel-max-rows.xlsx');
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = writer.addWorksheet('排污单位名录');
  ws.addRow(['序号', '单位名称', '统一社会信用代码', '所属镇街', '地址', '经度', '纬度', '联系人', '联系电话']).commit();
  for (let i = 1; i < EXCEL_MAX_ROWS; i++) {
    ws.addRow([i, `清水县第${i}号排污单位有限公司`, '91360799MA35XXXX0X', '城关街道', `城关街道工业园${i % 500}号`, 115.1 + (i % 1000) / 1e4, 25.9 + (i % 700) / 1e4, '张三', '13900000000']).commit();
  }
  ws.commit();
  await writer.commit();
  const huge = measured(root, ['import', 'enterprises', file, '--data', dataDir, '--dry-run', '--json']);
  if (!huge.stderr.includes('超过 200,000 行')) throw new Error(`the 1M-row sheet was not refused: ${huge.stderr.slice(0, 300)}`);
  const rest = measured(root, ['stats', '--data', dataDir, '--json']);
  results.push(report('import_1048575_rows_peak_rss', huge.rssMb, 'MB', { name: 'qingshui stats (the CLI at rest)', value: rest.rssMb }, { max: 500 }));
  results.push(report('import_1048575_rows_refused_in', huge.ms, 'ms', { name: 'qingshui stats', value: rest.ms }));
}
