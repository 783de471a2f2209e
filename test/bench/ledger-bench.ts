// Bench of ledger export (issue 4): a 100,000-row 入河排污口排查整治台账 against exceljs's plain streaming writer.
import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { workspaceFile } from '../../electron/core/workbench';
import { ledgerRows } from '../../electron/ledger/sources';
import { rawDatabase } from '../../electron/store/open';
import { cellValue } from '../../shared/ledger/format';
import { ledgerSpec } from '../../shared/ledger/specs';
import { report } from './measure';

/** Grows the workspace to `target` outfalls by copying the existing ones (no codes, so no clashes). */
function growOutfalls(dataDir: string, target: number): void {
  const db = rawDatabase(workspaceFile(dataDir));
  try {
    const cols = (db.prepare('PRAGMA table_info(outfalls)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'name_key');
    const copy = cols.map((c) => (c === 'id' ? `id || '-' || ?` : c === 'code' ? 'NULL' : c)).join(', ');
    for (let k = 1; (db.prepare('SELECT count(*) FROM outfalls').pluck().get() as number) < target; k++) {
      const have = db.prepare('SELECT count(*) FROM outfalls').pluck().get() as number;
      db.prepare(`INSERT INTO outfalls (${cols.join(', ')}) SELECT ${copy} FROM outfalls WHERE instr(id, '-') = 9 AND length(id) = 36 LIMIT ?`).run(String(k), target - have);
    }
  } finally { db.close(); }
}

/** Baseline, run in a child process: the same cell values through exceljs's streaming writer, no styles. */
export async function plainExport(dataDir: string, out: string): Promise<void> {
  const started = Date.now();
  const db = new Database(workspaceFile(dataDir), { readonly: true });
  const spec = ledgerSpec('outfalls')!;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('sheet');
  let n = 0;
  for (const r of ledgerRows(db, 'outfalls', {})) ws.addRow([++n, ...spec.columns.map((c) => cellValue(c, r[c.key], { dates: 'cn', coords: 'decimal' }))]).commit();
  ws.commit();
  await wb.commit();
  db.close();
  console.log(JSON.stringify({ rows: n, ms: Date.now() - started, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

export function benchLedgers(dataDir: string, root: string, results: boolean[]): void {
  growOutfalls(dataDir, 100_000);
  const cli = join(__dirname, '..', 'electron', 'cli.cjs');
  const ours = spawnSync(process.execPath, [cli, 'export', 'outfalls', '--data', dataDir, '--out', join(root, 'ledger.xlsx'), '--json'], { encoding: 'utf8' });
  if (ours.status !== 0) throw new Error(ours.stderr);
  const plain = spawnSync(process.execPath, [__filename, '--plain-export', dataDir, join(root, 'plain.xlsx')], { encoding: 'utf8' });
  if (plain.status !== 0) throw new Error(plain.stderr);
  const a = JSON.parse(ours.stdout) as { rows: number; ms: number; peakRssMb: number };
  const b = JSON.parse(plain.stdout) as { rows: number; ms: number; peakRssMb: number };
  results.push(report(`ledger_export_${a.rows}_outfalls`, a.ms, 'ms', { name: 'exceljs streaming writer, same values, no styles (process start included in both)', value: b.ms }, { max: b.ms * 1.5 }));
  results.push(report('ledger_export_peak_rss', a.peakRssMb, 'MB', { name: 'the plain writer', value: b.peakRssMb }, { max: 400 }));
}
