import ExcelJS from 'exceljs';
import { existsSync, readFileSync } from 'node:fs';
import { DomainError } from '../../shared/api/result';
import { colName } from './export-xlsx';
import { checkZipSizes, mergedRanges } from './xlsx-zip';

/** The most rows an import reads (a county's registers hold a few thousand; a sheet past this is refused, not half-read). */
export const MAX_IMPORT_ROWS = 200_000;
/** Rows at the top kept even when empty but for merged cells: where title and header rows are. */
const HEADER_ROWS = 30;

/** The text a cell shows, whatever exceljs holds (rich text, formula results, dates, numbers, links). */
export function cellString(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    // A formula (own or shared) imports as the value Excel/WPS cached for it; none cached: empty.
    if ('formula' in v || 'sharedFormula' in v || 'result' in v) return cellString(((v as { result?: ExcelJS.CellValue }).result ?? null) as ExcelJS.CellValue);
    if ('text' in v) return cellString((v as { text: ExcelJS.CellValue }).text);
    return '';
  }
  return String(v).trim();
}

export type Sheet = { name: string; rows: string[][]; rowNumbers: number[] };

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Says why bytes are not a workbook we can read: an encrypted .xlsx and an old .xls are both OLE
 * compound files (not zip), and need the clerk to remove the password / save as .xlsx.
 */
export function workbookProblem(head: Buffer, name: string): string {
  if (head.subarray(0, 8).equals(OLE)) return `“${name}”是设有打开密码的工作簿或旧版 .xls 文件：请在 Excel/WPS 中取消密码并另存为 .xlsx 后再试`;
  return `“${name}”无法打开：不是 .xlsx 文件，或文件已损坏、设有密码（请另存为不加密的 .xlsx）`;
}

/**
 * Reads the first sheet with data of an .xlsx as text rows (1-based row numbers kept), refusing what
 * is not one. The zip's central directory is checked first (a zip bomb is refused before anything is
 * inflated); the sheet is then streamed row by row and refused past MAX_IMPORT_ROWS, so memory is
 * bounded by that, not by the file; merged cells read as their first cell, as Excel shows them.
 */
export async function readSheet(file: string): Promise<Sheet> {
  if (!existsSync(file)) throw new DomainError('not_found', `文件“${file}”不存在`);
  const bytes = readFileSync(file);
  const sizes = checkZipSizes(bytes, file);
  if (sizes === null) throw new DomainError('invalid', workbookProblem(bytes.subarray(0, 8), file));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let found: (Sheet & { id: string }) | null = null;
  try {
    for await (const ws of reader) {
      const sheet = ws as unknown as AsyncIterable<ExcelJS.Row> & { id: string; name: string };
      const rows: string[][] = [];
      const rowNumbers: number[] = [];
      for await (const row of sheet) {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, c) => { cells[c - 1] = cellString(cell.value); });
        // A row empty but for merged cells may be part of the header (its text comes from the merge).
        if (!cells.some((x) => x) && row.number > HEADER_ROWS) continue;
        if (rows.length >= MAX_IMPORT_ROWS) {
          throw new DomainError('invalid', `工作表“${sheet.name}”超过 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行，不能一次导入：请按镇街或年份分成几个文件再导入`);
        }
        rows.push(cells);
        rowNumbers.push(row.number);
      }
      if (rows.some((r) => r.some((x) => x))) { found = { name: sheet.name, rows, rowNumbers, id: sheet.id }; break; }
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new DomainError('invalid', workbookProblem(bytes.subarray(0, 8), file));
  }
  if (!found) throw new DomainError('invalid', `“${file}”中没有数据：工作表是空的`);
  const width = Math.max(...found.rows.map((r) => r.length));
  for (const r of found.rows) for (let c = 0; c < width; c++) r[c] ??= '';
  fillMerged(found, mergedRanges(bytes, `xl/worksheets/sheet${found.id}.xml`));
  const kept = found.rows.map((r, i) => [r, found!.rowNumbers[i]] as const).filter(([r]) => r.some((x) => x));
  return { name: found.name, rows: kept.map(([r]) => r), rowNumbers: kept.map(([, n]) => n) };
}

/** Every cell of a merged range shows its first cell's text (as Excel does), for the rows read. */
function fillMerged(sheet: Sheet, ranges: { top: number; left: number; bottom: number; right: number }[]): void {
  const index = new Map(sheet.rowNumbers.map((n, i) => [n, i]));
  for (const m of ranges) {
    const first = index.get(m.top);
    const text = first === undefined ? '' : sheet.rows[first][m.left - 1] ?? '';
    if (!text) continue;
    for (let r = m.top; r <= m.bottom; r++) {
      const i = index.get(r);
      if (i === undefined) continue;
      for (let c = m.left; c <= m.right && c - 1 < sheet.rows[i].length; c++) if (!sheet.rows[i][c - 1]) sheet.rows[i][c - 1] = text;
    }
  }
}

/** Column letters of a 0-based column index: 0 → A. */
export function columnLetter(index: number): string {
  return colName(index + 1);
}
