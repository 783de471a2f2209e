import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DomainError } from '../../shared/api/result';
import type { CoordinateSystem } from '../../shared/domain/coordinates';
import { createWorkbench } from '../core/workbench';
import { assertNotInUse } from '../core/workspace-lock';
import { enterpriseProfile, findingProfile, importRegister, outfallProfile, writeErrorWorkbook } from '../services/ledgers/index';
import { importBoundaries } from '../services/map/index';

/** `qingshui import boundaries FILE.geojson`: town/village boundaries, watersheds, rivers for the map. */
function boundariesCommand(a: ImportArgs, crs: CoordinateSystem): void {
  if (!existsSync(a.file)) throw new DomainError('not_found', `找不到文件“${a.file}”`);
  if (!a.dryRun) assertNotInUse(a.dataDir, '导入');
  const wb = createWorkbench({ dataDir: a.dataDir, actor: 'system', create: false });
  try {
    const r = importBoundaries(wb.store, resolve(a.file), crs, a.dryRun, 'system');
    if (a.json) console.log(JSON.stringify(r));
    else {
      console.log(`要素 ${r.features} 个：匹配 ${r.matched.length} 个（${['town', 'village', 'watershed', 'river', 'lake'].map((k) => `${k} ${r.matched.filter((m) => m.kind === k).length}`).join('，')}），有误 ${r.problems.length} 个`);
      for (const p of r.problems.slice(0, 30)) console.log(`  ✗ ${p}`);
      console.log(r.committed ? '已全部写入工作区。' : r.problems.length ? '未写入任何数据。' : '试导入（--dry-run）：未写入。');
    }
    if (r.problems.length) throw new DomainError('invalid', `${r.problems.length} 个要素有误，未导入`);
  } finally {
    wb.close();
  }
}

const CRS: Record<string, CoordinateSystem> = { cgcs2000: 'CGCS2000', wgs84: 'WGS84', gcj02: 'GCJ02', bd09: 'BD09' };

export type ImportArgs = { kind: string; file: string; dataDir: string; crs?: string; dryRun: boolean; errors?: string; json: boolean };

/**
 * `qingshui import enterprises|outfalls|findings FILE --data DIR [--crs …] [--dry-run] [--errors OUT.xlsx]`:
 * all rows or none; with any bad row nothing is written, the error workbook is, and the exit is 1.
 */
export async function importCommand(a: ImportArgs): Promise<void> {
  if (!['enterprises', 'outfalls', 'findings', 'boundaries'].includes(a.kind)) throw new DomainError('invalid', `导入类别应为 enterprises、outfalls、findings 或 boundaries，收到“${a.kind}”`);
  const crs = CRS[(a.crs ?? 'cgcs2000').toLowerCase()];
  if (!crs) throw new DomainError('invalid', `--crs 应为 cgcs2000、wgs84、gcj02 或 bd09，收到“${a.crs}”`);
  if (a.kind === 'boundaries') return boundariesCommand(a, crs);
  const errorsOut = a.errors && resolve(a.errors);
  if (errorsOut && !existsSync(dirname(errorsOut))) throw new DomainError('not_found', `错误工作簿的文件夹“${dirname(errorsOut)}”不存在`);
  if (!a.dryRun) assertNotInUse(a.dataDir, '导入');
  const wb = createWorkbench({ dataDir: a.dataDir, actor: 'system', create: false });
  try {
    const started = Date.now();
    const ctx = { store: wb.store, session: { personId: null }, actor: 'system' as const };
    const opts = { crs, dryRun: a.dryRun };
    const report = a.kind === 'outfalls' ? await importRegister(ctx, outfallProfile, resolve(a.file), opts)
      : a.kind === 'findings' ? await importRegister(ctx, findingProfile, resolve(a.file), opts)
      : await importRegister(ctx, enterpriseProfile, resolve(a.file), opts);
    if (report.missing.length) throw new DomainError('invalid', `工作表“${report.sheet}”的前 10 行中找不到必需的列：${report.missing.join('、')}（表头在第 ${report.headerRow} 行：${report.headers.map((h) => h.text).join('、')}）`);
    if (errorsOut && report.problems.length) await writeErrorWorkbook(resolve(a.file), report.sheet, report.problems, errorsOut);
    if (a.json) console.log(JSON.stringify({ ...report, ms: Date.now() - started, errorsFile: errorsOut && report.problems.length ? errorsOut : null }));
    else {
      console.log(`工作表“${report.sheet}”（表头在第 ${report.headerRow} 行）：共 ${report.rows} 行 — 新增 ${report.created}，更新 ${report.updated}，无变化 ${report.unchanged}，有误 ${report.invalid}`);
      if (report.unmatchedHeaders.length) console.log(`未识别的列（未导入）：${report.unmatchedHeaders.join('、')}`);
      for (const p of report.problems.slice(0, 30)) console.log(`  ✗ ${p.message}`);
      if (report.problems.length > 30) console.log(`  ……共 ${report.problems.length} 处`);
      console.log(report.committed ? '已全部写入工作区。' : report.problems.length ? `未写入任何数据${errorsOut ? `；错误已标注在 ${errorsOut}` : '（用 --errors OUT.xlsx 得到标注了错误的工作簿）'}` : '试导入（--dry-run）：未写入。');
    }
    if (report.problems.length) throw new DomainError('invalid', `${report.invalid} 行有误，未导入`);
  } finally {
    wb.close();
  }
}
