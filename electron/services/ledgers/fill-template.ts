import ExcelJS from 'exceljs';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { workbookProblem } from './read-sheet';
import type { Database } from 'better-sqlite3';
import { DomainError } from '../../../shared/api/result';
import { cellValue, chineseDate, numberFormat, type LedgerStyle } from '../../../shared/ledger/format';
import type { LedgerSpec } from '../../../shared/ledger/spec';
import type { ExportHeading } from './export-xlsx';
import type { Job } from '../jobs';
import { countRows, ledgerRows, type LedgerFilters } from './sources';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** Placeholders allowed anywhere in a template (the title block and footers). */
export const HEADING_FIELDS: Record<string, string> = { title: '台账标题', unit: '填报单位', date: '填报日期', reporter: '填报人', phone: '联系电话', county: '县（市、区）名称' };
/** The data-row placeholder of 序号. */
export const SERIAL_FIELD = 'serial';
const MAX_ROWS = 50_000;

/** The fields a bureau's template may name in its data row for a ledger: key → Chinese header. */
export function templateFields(spec: LedgerSpec): Record<string, string> {
  return { [SERIAL_FIELD]: '序号', ...Object.fromEntries(spec.columns.map((c) => [c.key, c.header.join('·')])) };
}

async function readTemplate(file: string | Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    if (typeof file === 'string') await wb.xlsx.readFile(file);
    else await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('invalid', `模板文件${workbookProblem(typeof file === 'string' ? readFileSync(file) : file, '').replace(/^“”/, '')}`);
  }
  if (!wb.worksheets.length) throw new DomainError('invalid', '模板文件中没有工作表');
  return wb;
}

/**
 * Fills a bureau's own sheet: `{{title}}`, `{{unit}}`, `{{date}}` … anywhere, and one data row of
 * `{{field}}` cells repeated for every record — keeping the template's fonts, borders, merges,
 * column widths and print setup. A placeholder that names no field is refused with its cell address.
 */
export async function fillTemplate(
  db: Database, o: { spec: LedgerSpec; filters: LedgerFilters; style: LedgerStyle; heading: ExportHeading; template: string | Buffer; out: string; job?: Job },
): Promise<{ rows: number; file: string }> {
  const wb = await readTemplate(o.template);
  const ws = wb.worksheets[0];
  const fields = templateFields(o.spec);
  const heading: Record<string, string> = {
    title: o.spec.title.replace('{county}', o.heading.county), unit: o.heading.bureau, date: chineseDate(),
    reporter: o.heading.reporter, phone: o.heading.phone, county: o.heading.county,
  };
  // Find the data row and check every placeholder before changing anything.
  let dataRow = 0;
  const unknown: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (cell) => {
    if (typeof cell.value !== 'string') return;
    for (const [, name] of cell.value.matchAll(PLACEHOLDER)) {
      if (name in HEADING_FIELDS) continue;
      if (!(name in fields)) { unknown.push(`${cell.address} 的 {{${name}}}`); continue; }
      if (dataRow && dataRow !== row.number) throw new DomainError('invalid', `模板中含字段的行只能有一行：第 ${dataRow} 行和第 ${row.number} 行都有（单元格 ${cell.address}）`);
      dataRow = row.number;
    }
  }));
  if (unknown.length) throw new DomainError('invalid', `模板单元格 ${unknown.join('、')} 不是“${o.spec.name}”的字段。可用字段：${Object.entries(fields).map(([k, v]) => `{{${k}}}（${v}）`).join('、')}`);
  if (!dataRow) throw new DomainError('invalid', `模板中没有数据行：请在一行的单元格中写字段名，如 {{${o.spec.columns[0].key}}}`);
  const total = countRows(db, o.spec.source, o.filters);
  if (total > MAX_ROWS) throw new DomainError('invalid', `按模板导出最多 ${MAX_ROWS} 行，本次有 ${total} 行：请按镇街或时段分批导出，或用标准表式（可导出任意行数）`);

  for (const row of ws.getRows(1, ws.rowCount) ?? []) {
    if (row.number === dataRow) continue;
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (typeof cell.value === 'string' && cell.value.includes('{{')) cell.value = cell.value.replace(PLACEHOLDER, (_, name: string) => heading[name] ?? '');
    });
  }
  // The template row: what each column holds (a field, or text kept as is).
  const source = ws.getRow(dataRow);
  const pattern: { col: number; text: string; style: Partial<ExcelJS.Style> }[] = [];
  source.eachCell({ includeEmpty: true }, (cell, col) => pattern.push({ col, text: typeof cell.value === 'string' ? cell.value : '', style: cell.style }));
  const height = source.height;
  // Merges and the print area below the data row move down with the rows inserted above them.
  const shift = Math.max(total, 1) - 1;
  const merges = ((ws.model as { merges?: string[] }).merges ?? []).map((m) => decodeRange(m)).filter((m) => m.top > dataRow);
  for (const m of merges) ws.unMergeCells(m.top, m.left, m.bottom, m.right);
  if (total === 0) ws.spliceRows(dataRow, 1);
  else if (shift > 0) ws.spliceRows(dataRow + 1, 0, ...Array.from({ length: shift }, () => []));
  for (const m of merges) ws.mergeCells(m.top + (total === 0 ? -1 : shift), m.left, m.bottom + (total === 0 ? -1 : shift), m.right);
  const byKey = new Map(o.spec.columns.map((c) => [c.key, c]));
  let n = 0;
  for (const record of ledgerRows(db, o.spec.source, o.filters)) {
    const row = ws.getRow(dataRow + n);
    n++;
    if (n % 2000 === 0) { o.job?.progress(n, total, '填写模板'); o.job?.checkCancelled(); await new Promise((r) => setImmediate(r)); }
    if (height) row.height = height;
    for (const p of pattern) {
      const cell = row.getCell(p.col);
      cell.style = p.style;
      const only = p.text.match(/^\s*\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}\s*$/);
      if (only) {
        const column = byKey.get(only[1]);
        cell.value = only[1] === SERIAL_FIELD ? n : column ? cellValue(column, record[column.key], o.style) : null;
        if (column && !p.style.numFmt) { const f = numberFormat(column, o.style); if (f) cell.numFmt = f; }
      } else {
        cell.value = p.text.includes('{{') ? p.text.replace(PLACEHOLDER, (_, name: string) => (name === SERIAL_FIELD ? String(n) : String(record[name] ?? ''))) : (p.text || null);
      }
    }
  }
  const area = ws.pageSetup.printArea;
  if (area && shift) ws.pageSetup.printArea = area.replace(/(\d+)$/, (m) => (Number(m) >= dataRow ? String(Number(m) + shift) : m));
  const tmp = `${o.out}.${process.pid}.part`;
  try {
    await wb.xlsx.writeFile(tmp);
    renameSync(tmp, o.out);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return { rows: n, file: o.out };
}

function decodeRange(range: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b = a] = range.split(':');
  const cell = (ref: string) => {
    const m = ref.match(/^([A-Z]+)(\d+)$/)!;
    const col = [...m[1]].reduce((s, ch) => s * 26 + ch.charCodeAt(0) - 64, 0);
    return { row: Number(m[2]), col };
  };
  const p = cell(a); const q = cell(b);
  return { top: p.row, left: p.col, bottom: q.row, right: q.col };
}
