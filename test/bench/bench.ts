// `npm run bench`: the speed targets on a --scale 125 workspace, each beside a baseline measured in this run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkbench, workspaceFile } from '../../electron/core/workbench';
import { generateDemo } from '../../electron/services/demo/generate';
import { generateDemoPast } from '../../electron/services/demo/inspections';
import { ENTERPRISE } from '../../electron/store/entities';
import { listEnterprises } from '../../electron/store/enterprises';
import { openStore } from '../../electron/store/store';
import { rowToFields } from '../../electron/store/write-path';
import { coldStartBaseline, coldStartToFirstList } from './cold-start';
import { benchInspections } from './inspections-bench';
import { benchImport, benchLedgers, plainExport } from './ledger-bench';
import { benchHugeImport, benchImportMemory } from './huge-import-bench';
import { benchLoad } from './load-bench';
import { benchLoop } from './loop-bench';
import { benchMap } from './map-bench';
import { benchSync } from './sync-bench';
import { p95, report, timeRuns } from './measure';
import { benchAtRest } from './at-rest-bench';

const COLD_PASSWORD = 'Bench2026cold';

const SCALE = Number(process.env.BENCH_SCALE ?? 125);
// exceljs's zip dependencies call the deprecated Buffer() constructor; keep the figures readable.
process.noDeprecation = true;

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'qingshui-bench-'));
  const dataDir = join(root, 'ws');
  const results: boolean[] = [];
  try {
    if (process.env.BENCH_ONLY === 'map') { await benchMap(root, results); throw new Error('done'); }
    if (process.env.BENCH_ONLY === 'sync') { await benchSync(root, results); throw new Error('done'); }
    let t = performance.now();
    const builder = createWorkbench({ dataDir, actor: 'system' });
    generateDemo(builder.store, { scale: SCALE });
    builder.close();
    const demoMs = performance.now() - t;
    console.log(`# workspace --scale ${SCALE}: ${400 * SCALE} enterprises, ${200 * SCALE} outfalls, built in ${(demoMs / 1000).toFixed(1)} s`);

    if (process.env.BENCH_ONLY === 'atrest') { benchAtRest(dataDir, root, results); throw new Error('done'); }
    if (process.env.BENCH_ONLY === 'loop') {
      // Only the closed loop's figures (for working on them): a year of inspections, then the loop.
      const only = createWorkbench({ dataDir, actor: 'system' });
      try { await generateDemoPast(only.store, { count: 2000 }); benchLoop(only, results); } finally { only.close(); }
      if (process.env.BENCH_KEEP) { console.log(`# kept ${dataDir}`); return; }
      throw new Error('done');
    }
    const wb = createWorkbench({ dataDir, actor: 'system' });
    const db = wb.store.db;
    const towns = db.prepare("SELECT code FROM regions WHERE level = 'town'").pluck().all() as string[];
    const names = db.prepare('SELECT name FROM enterprises ORDER BY random() LIMIT 200').pluck().all() as string[];

    // 1. a filtered, sorted page of 100 rows
    const page = timeRuns(200, (i) => listEnterprises(db, { townCode: towns[i % towns.length], permitClass: i % 2 ? '简化管理' : undefined }, ['name', 'uscc', 'updatedAt'][i % 3], i % 2 ? 'desc' : 'asc', (i * 37) % 2000, 100));
    const rawPageStmt = db.prepare('SELECT * FROM enterprises WHERE rowid > ? LIMIT 100');
    const rawPage = timeRuns(200, (i) => rawPageStmt.all((i * 211) % 40000));
    results.push(report('enterprise_page_filtered_sorted_p95', p95(page), 'ms', { name: 'raw rowid page of 100', value: p95(rawPage) }, { max: 20 }));

    // 2. Chinese substring search: FTS5 trigram for ≥3 characters, LIKE for 1–2
    const three = names.map((n) => [...n].slice(3, 6).join(''));
    const two = names.map((n) => [...n].slice(3, 5).join(''));
    const fts = timeRuns(200, (i) => listEnterprises(db, { q: three[i % three.length] }, 'name', 'asc', 0, 100));
    const short = timeRuns(200, (i) => listEnterprises(db, { q: two[i % two.length] }, 'name', 'asc', 0, 100));
    const scanStmt = db.prepare("SELECT id FROM enterprises WHERE name LIKE ? LIMIT 100");
    const scan = timeRuns(200, (i) => scanStmt.all(`%${three[i % three.length]}%`));
    results.push(report('enterprise_search_3chars_p95', p95(fts), 'ms', { name: 'raw LIKE scan, first 100, no count', value: p95(scan) }, { max: 30 }));
    results.push(report('enterprise_search_2chars_p95', p95(short), 'ms', { name: 'raw LIKE scan, first 100, no count', value: p95(scan) }, { max: 30 }));

    // 3. inserting every enterprise through the write path vs raw prepared inserts of the same rows
    const rows = (db.prepare('SELECT * FROM enterprises').all() as Record<string, unknown>[]);
    wb.close();
    const rawFile = join(root, 'raw.qingshui');
    const raw = openStore(rawFile);
    raw.db.pragma('foreign_keys = OFF');
    const cols = Object.keys(rows[0]).filter((c) => c !== 'name_key'); // generated column
    const insert = raw.db.prepare(`INSERT INTO enterprises (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    t = performance.now();
    raw.transaction(() => { for (const r of rows) insert.run(...cols.map((c) => r[c])); });
    const rawMs = performance.now() - t;
    raw.close();
    const wp = openStore(join(root, 'wp.qingshui'));
    wp.db.pragma('foreign_keys = OFF');
    const fields = rows.map((r) => { const { id, createdAt: _c, updatedAt: _u, deleted: _d, ...f } = rowToFields(ENTERPRISE, r); return [id as string, f] as const; });
    t = performance.now();
    wp.transaction(() => { for (const [id, f] of fields) wp.write(ENTERPRISE, id, f, 'system'); });
    const wpMs = performance.now() - t;
    const changeRows = wp.db.prepare('SELECT count(*) FROM changes').pluck().get() as number;
    wp.close();
    console.log(`# write path wrote ${rows.length} rows and ${changeRows} change records`);
    results.push(report(`write_path_insert_${rows.length}`, wpMs, 'ms', { name: 'raw prepared inserts', value: rawMs }, { max: rawMs * 3 }));

    // 3b. protection at rest (issue 18): the same list page and writes on an encrypted copy
    benchAtRest(dataDir, root, results);
    // 4. cold start of the browser host to the first list painted, in Chromium: since issue 18 a person signs
    // in first (the workspace protected, opened by the password), on a copy of the workspace with one account.
    const coldDir = mkdtempSync(join(tmpdir(), 'qingshui-bench-cold-'));
    const source = openStore(workspaceFile(dataDir));
    try { source.db.exec(`VACUUM INTO '${workspaceFile(coldDir).replace(/'/g, "''")}'`); } finally { source.close(); }
    const setup = createWorkbench({ dataDir: coldDir, actor: 'system' });
    try { await setup.call('auth.setup', { user: 'bench', personName: '测试员', password: COLD_PASSWORD }); } finally { setup.close(); }
    const cold = [] as number[];
    for (let i = 0; i < 3; i++) cold.push(await coldStartToFirstList(coldDir, { user: 'bench', password: COLD_PASSWORD }));
    rmSync(coldDir, { recursive: true, force: true });
    const base = [] as number[];
    for (let i = 0; i < 3; i++) base.push(await coldStartBaseline());
    results.push(report('cold_start_to_first_list', Math.min(...cold), 'ms', { name: 'bare node server + static page', value: Math.min(...base) }, { max: 1500 }));
    // 5. field inspections
    const field = createWorkbench({ dataDir, actor: 'system' });
    try { await benchInspections(field, dataDir, results); benchLoop(field, results); } finally { field.close(); }
    // 6. ledgers
    await benchImport(dataDir, root, results);
    await benchHugeImport(dataDir, root, results);
    await benchImportMemory(dataDir, root, results);
    benchLedgers(dataDir, root, results);
    await benchMap(root, results);
    await benchSync(root, results);
    // 7. the hub under load (issue 21), a small version of `npm run loadtest`
    await benchLoad(results);
    console.log(`process_rss_peak: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB  [bench process, workspace file ${workspaceFile(dataDir)}]`);
  } catch (e) {
    if ((e as Error).message !== 'done') throw e;
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(root, { recursive: true, force: true });
  }
  if (results.includes(false)) { console.log('# some targets were missed'); process.exitCode = 1; }
}

if (process.argv[2] === '--plain-export') void plainExport(process.argv[3], process.argv[4]);
else void main();
