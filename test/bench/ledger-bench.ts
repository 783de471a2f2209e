// Bench of ledger export (issue 4): a 100,000-row 入河排污口排查整治台账 against exceljs's plain streaming writer.
import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { workspaceFile } from '../../electron/core/workbench';
import { ledgerRows } from '../../electron/services/ledgers/sources';
import { rawDatabase } from '../../electron/store/open';
import { cellValue } from '../../shared/ledger/format';
import { ledgerSpec } from '../../shared/ledger/specs';
import { createWorkbench } from '../../electron/core/workbench';
import { enterpriseProfile, exportLedger, importRegister } from '../../electron/services/ledgers/index';
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

/** Importing 50,000 enterprise rows into an empty county vs reading the file with exceljs plus raw inserts. */
export async function benchImport(dataDir: string, root: string, results: boolean[]): Promise<void> {
  const source = createWorkbench({ dataDir, actor: 'system' });
  const file = join(root, 'register.xlsx');
  const spec = ledgerSpec('enterprises')!;
  await exportLedger(source.store.db, { spec, filters: {}, style: { dates: 'cn', coords: 'decimal' }, heading: { county: '清水县', bureau: '清水县生态环境局', reporter: '', phone: '' }, out: file });
  const rows = source.store.db.prepare('SELECT * FROM enterprises').all() as Record<string, unknown>[];
  source.close();
  const target = createWorkbench({ dataDir: join(root, 'empty'), actor: 'system' });
  target.store.db.exec(`ATTACH '${workspaceFile(dataDir)}' AS src;
    INSERT OR IGNORE INTO regions SELECT * FROM src.regions; INSERT INTO watersheds SELECT * FROM src.watersheds;
    INSERT INTO water_bodies SELECT * FROM src.water_bodies; DETACH src;`);
  let t = performance.now();
  const r = await importRegister({ store: target.store, session: { personId: null }, actor: 'system' }, enterpriseProfile, file, { crs: 'CGCS2000', dryRun: false });
  const importMs = performance.now() - t;
  if (!r.committed) throw new Error(`import failed: ${r.problems[0]?.message}`);
  t = performance.now();
  await new ExcelJS.Workbook().xlsx.readFile(file);
  const readMs = performance.now() - t;
  const raw = createWorkbench({ dataDir: join(root, 'raw'), actor: 'system' });
  raw.store.db.pragma('foreign_keys = OFF');
  const cols = Object.keys(rows[0]).filter((c) => c !== 'name_key');
  const insert = raw.store.db.prepare(`INSERT INTO enterprises (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  t = performance.now();
  raw.store.transaction(() => { for (const row of rows) insert.run(...cols.map((c) => row[c])); });
  const insertMs = performance.now() - t;
  raw.close();
  target.close();
  results.push(report(`ledger_import_${r.created}_enterprises`, importMs, 'ms', { name: 'exceljs reading the file + raw prepared inserts of the same rows', value: readMs + insertMs }, { max: 2 * (readMs + insertMs) }));
}
