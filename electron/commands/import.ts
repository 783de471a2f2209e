import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DomainError } from '../../shared/api/result';
import type { CoordinateSystem } from '../../shared/domain/coordinates';
import { discardExport, takeExport, withStagedUpload } from '../core/files';
import { withWorkbench } from '../core/maintenance';
import type { Workbench } from '../core/workbench';
import { assertNotInUse } from '../core/workspace-lock';

const CRS: Record<string, CoordinateSystem> = { cgcs2000: 'CGCS2000', wgs84: 'WGS84', gcj02: 'GCJ02', bd09: 'BD09' };

export type ImportArgs = { kind: string; file: string; dataDir: string; crs?: string; dryRun: boolean; errors?: string; sheet?: string; prefer?: string; since?: string; json: boolean };

/** `qingshui import boundaries FILE.geojson`: town/village boundaries, watersheds, rivers for the map. */
async function importBoundaries(wb: Workbench, a: ImportArgs, crs: CoordinateSystem): Promise<void> {
  const r = await withStagedUpload(wb, a.file, (staged) => wb.call('map.importBoundaries', { staged, fileName: resolve(a.file), crs, dryRun: a.dryRun }));
  if (a.json) console.log(JSON.stringify(r));
  else {
    console.log(`要素 ${r.features} 个：匹配 ${r.matched.length} 个（${['town', 'village', 'watershed', 'river', 'lake'].map((k) => `${k} ${r.matched.filter((m) => m.kind === k).length}`).join('，')}），有误 ${r.problems.length} 个`);
    for (const p of r.problems.slice(0, 30)) console.log(`  ✗ ${p}`);
    console.log(r.committed ? '已全部写入工作区。' : r.problems.length ? '未写入任何数据。' : '试导入（--dry-run）：未写入。');
  }
  if (r.problems.length) throw new DomainError('invalid', `${r.problems.length} 个要素有误，未导入`);
}

/** `qingshui import enterprises|outfalls|findings FILE`: a clerk's register, all rows or none. */
async function importRegister(wb: Workbench, a: ImportArgs & { kind: 'enterprises' | 'outfalls' | 'findings' }, crs: CoordinateSystem, errorsOut: string | undefined): Promise<void> {
  const started = Date.now();
  if (a.prefer && a.prefer !== 'sheet' && a.prefer !== 'current') throw new DomainError('invalid', `--prefer 应为 sheet（用表中的值）或 current（保留现值），收到“${a.prefer}”`);
  // A clerk's own sheet: what changed here since the file was last saved is asked before it is overwritten (or since --since).
  const sinceDate = a.since ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(a.since) ? `${a.since}T00:00:00+08:00` : a.since) : statSync(resolve(a.file)).mtime;
  if (Number.isNaN(sinceDate.getTime())) throw new DomainError('invalid', `--since 应为日期（如 2026-11-30）或时间，收到“${a.since}”`);
  const since = sinceDate.toISOString();
  const report = await withStagedUpload(wb, resolve(a.file), (staged) => wb.call('ledgers.import', { kind: a.kind, staged, fileName: resolve(a.file), crs, dryRun: a.dryRun, sheet: a.sheet, prefer: a.prefer as 'sheet' | 'current' | undefined, since }));
  if (report.missing.length) throw new DomainError('invalid', `工作表“${report.sheet}”中找不到必需的列：${report.missing.join('、')}（表头在第 ${report.headerRow} 行：${report.headers.map((h) => `${h.text}${h.suggestions.length ? `（可能是 ${h.suggestions.join('/')}）` : ''}`).join('、')}）`);
  // The marked-up workbook goes where --errors says, or nowhere.
  if (report.errorsFile) {
    if (errorsOut) takeExport(wb, report.errorsFile.name, errorsOut);
    else discardExport(wb, report.errorsFile.name);
  }
  const { errorsFile: _kept, ...figures } = report;
  if (a.json) console.log(JSON.stringify({ ...figures, ms: Date.now() - started, errorsFile: errorsOut && report.problems.length ? errorsOut : null }));
  else {
    console.log(`工作表“${report.sheet}”（表头在第 ${report.headerRow} 行）：共 ${report.rows} 行 — 新增 ${report.created}，更新 ${report.updated}，无变化 ${report.unchanged}，有误 ${report.invalid}`);
    if (report.sheets.length > 1) console.log(`工作簿中有 ${report.sheets.length} 个工作表：${report.sheets.join('、')}（用 --sheet 指定其他工作表）`);
    if (report.exportCheck === 'unverified') console.log('表内隐藏的“清水导出信息”无法验证（导出后被改动过，或不是本机导出的）：按普通表格比对，本机在 --since（默认文件修改时间）之后改过的字段列为冲突。');
    if (report.unmatchedHeaders.length) console.log(`未识别的列（未导入）：${report.unmatchedHeaders.join('、')}`);
    for (const c of report.changes.slice(0, 30)) console.log(`  更新 第 ${c.row} 行 ${c.name}：${c.fields.map((f) => `${f.label} ${f.from} → ${f.to}`).join('；')}`);
    for (const w of report.warnings.slice(0, 30)) console.log(`  ! ${w.message}`);
    if (report.kept) console.log(`保留了 ${report.kept} 处较新的值（表中未改、本机导出后已更新）。`);
    for (const c of report.conflicts.slice(0, 50)) console.log(`  ⚠ 冲突 第 ${c.row} 行 ${c.name} ${c.label}：表中“${c.sheet}”，现值“${c.current}”（${c.by} ${c.at.slice(0, 16).replace('T', ' ')} 修改）`);
    const total = (k: keyof typeof report.omitted) => report[k].length + report.omitted[k];
    if (report.conflicts.length) console.log(`有 ${total('conflicts')} 处冲突，未写入：用 --prefer sheet（用表中的值）或 --prefer current（保留现值）决定后再导入。`);
    if (total('warnings') > 30) console.log(`  ……提示共 ${total('warnings')} 处`);
    for (const p of report.problems.slice(0, 30)) console.log(`  ✗ ${p.message}`);
    if (total('problems') > 30) console.log(`  ……共 ${total('problems')} 处`);
    console.log(report.committed ? '已全部写入工作区。' : report.problems.length ? `未写入任何数据${errorsOut ? `；错误已标注在 ${errorsOut}` : '（用 --errors OUT.xlsx 得到标注了错误的工作簿）'}` : '试导入（--dry-run）：未写入。');
  }
  if (report.problems.length) throw new DomainError('invalid', `${report.invalid} 行有误，未导入`);
  if (report.conflicts.length && !a.dryRun) throw new DomainError('conflict', `${report.conflicts.length + report.omitted.conflicts} 处冲突未决定，未导入（--prefer sheet|current）`);
}

/**
 * `qingshui import enterprises|outfalls|findings|boundaries FILE --data DIR [--crs …] [--dry-run] [--errors OUT.xlsx]`:
 * all rows or none; with any bad row nothing is written, the error workbook is, and the exit is 1.
 */
export async function importCommand(a: ImportArgs): Promise<void> {
  if (!['enterprises', 'outfalls', 'findings', 'boundaries'].includes(a.kind)) throw new DomainError('invalid', `导入类别应为 enterprises、outfalls、findings 或 boundaries，收到“${a.kind}”`);
  const crs = CRS[(a.crs ?? 'cgcs2000').toLowerCase()];
  if (!crs) throw new DomainError('invalid', `--crs 应为 cgcs2000、wgs84、gcj02 或 bd09，收到“${a.crs}”`);
  if (a.kind === 'boundaries') {
    if (!existsSync(a.file)) throw new DomainError('not_found', `找不到文件“${a.file}”`);
    if (!a.dryRun) assertNotInUse(a.dataDir, '导入');
    return withWorkbench(a.dataDir, (wb) => importBoundaries(wb, a, crs));
  }
  const errorsOut = a.errors && resolve(a.errors);
  if (errorsOut && !existsSync(dirname(errorsOut))) throw new DomainError('not_found', `错误工作簿的文件夹“${dirname(errorsOut)}”不存在`);
  if (!a.dryRun) assertNotInUse(a.dataDir, '导入');
  await withWorkbench(a.dataDir, (wb) => importRegister(wb, a as ImportArgs & { kind: 'enterprises' }, crs, errorsOut));
}
