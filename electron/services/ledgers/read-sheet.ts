import ExcelJS from 'exceljs';
import { existsSync, readFileSync } from 'node:fs';
import { DomainError } from '../../../shared/api/result';
import { colName } from './export-xlsx';
import { checkZipSizes, countSheetRows } from './xlsx-zip';
import { readSheetRows, sheetsOf } from './xlsx-stream';
import { EXPORT_INFO_SHEET } from './export-info';

/** The most rows an import reads (a county's registers hold a few thousand; a sheet past this is refused, not half-read). */
export const MAX_IMPORT_ROWS = 200_000;
/** Rows at the top kept even when empty but for merged cells: where title and header rows are. */
const HEADER_ROWS = 30;

function tooManyRows(sheet: string, rows: number | null): DomainError {
  const counted = rows === null ? '' : `（约 ${rows.toLocaleString('en-US')} 行）`;
  return new DomainError('invalid', `${sheet}超过 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行${counted}，不能一次导入：请按镇街或年份分成几个文件再导入`);
}

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

export type Sheet = {
  name: string; rows: string[][]; rowNumbers: number[]; /** Every sheet of the workbook with data, in order. */ sheets: string[];
  /** The rows of the hidden sheet an export of ours carries (`export-info.ts`), when there is one. */
  exportInfo: string[][] | null;
};

/** How well a sheet's top rows look like the register being imported (the best is proposed when the person named none). */
export type SheetScore = (topRows: string[][]) => number;

class Enough extends Error {}

/** The first `n` rows of a sheet, as text (merged cells not filled: enough to judge a header). */
function topRows(bytes: Uint8Array, part: string, date1904: boolean, n: number): string[][] {
  const rows: string[][] = [];
  try {
    readSheetRows(bytes, part, date1904, (row) => { rows.push(row.cells.map((c) => c ?? '')); if (rows.length >= n) throw new Enough(); });
  } catch (e) {
    if (!(e instanceof Enough)) return rows;
  }
  return rows;
}

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
export async function readSheet(file: string, opts: { sheet?: string; score?: SheetScore } = {}): Promise<Sheet> {
  if (!existsSync(file)) throw new DomainError('not_found', `文件“${file}”不存在`);
  const bytes = readFileSync(file);
  const sizes = checkZipSizes(bytes, file);
  if (sizes === null) throw new DomainError('invalid', workbookProblem(bytes.subarray(0, 8), file));
  // The first sheet, in the workbook's order, with any row; one far past the limit is refused from a
  // count of its rows, before any cell is parsed.
  const counts = new Map(countSheetRows(bytes).map((c) => [c.entry, c.rows]));
  const sheets = sheetsOf(bytes);
  const listed = sheets.length ? sheets : [...counts.keys()].map((part) => ({ name: part.replace(/^.*\//, '').replace(/\.xml$/, ''), part, date1904: false }));
  const infoSheet = listed.find((x) => x.name === EXPORT_INFO_SHEET);
  const withData = listed.filter((x) => (counts.get(x.part) ?? 0) > 0 && x !== infoSheet);
  if (!withData.length) {
    if (!counts.size) throw new DomainError('invalid', workbookProblem(bytes.subarray(0, 8), file));
    throw new DomainError('invalid', `“${file}”中没有数据：工作表是空的`);
  }
  // The sheet the person named; else, of several, the one whose top rows look most like this register (a
  // cover or 填表说明 sheet first is passed over); else the first with data.
  let target = withData[0];
  if (opts.sheet) {
    const named = listed.find((x) => x.name === opts.sheet);
    if (!named) throw new DomainError('invalid', `工作簿中没有名为“${opts.sheet}”的工作表（有：${listed.map((x) => x.name).join('、')}）`);
    target = named;
  } else if (withData.length > 1 && opts.score) {
    let best = -1;
    for (const x of withData.slice(0, 20)) {
      const sc = opts.score(topRows(bytes, x.part, x.date1904, 14));
      if (sc > best) { best = sc; target = x; }
    }
  }
  const label = `工作表“${target.name}”`;
  if ((counts.get(target.part) ?? 0) > MAX_IMPORT_ROWS) throw tooManyRows(label, counts.get(target.part)!);
  let exportInfo: string[][] | null = null;
  if (infoSheet && (counts.get(infoSheet.part) ?? 0) <= MAX_IMPORT_ROWS + 1) {
    exportInfo = [];
    try { readSheetRows(bytes, infoSheet.part, infoSheet.date1904, (row) => { exportInfo!.push(row.cells.map((c) => c ?? '')); }); } catch { exportInfo = null; }
  }
  const sheet: Sheet = { name: target.name, rows: [], rowNumbers: [], sheets: withData.map((x) => x.name), exportInfo };
  let merges: ReturnType<typeof readSheetRows>;
  try {
    merges = readSheetRows(bytes, target.part, target.date1904, (row) => {
      // A row empty but for merged cells may be part of the header (its text comes from the merge).
      if (!row.cells.some((x) => x) && row.number > HEADER_ROWS) return;
      if (sheet.rows.length >= MAX_IMPORT_ROWS) throw tooManyRows(label, null);
      sheet.rows.push(row.cells);
      sheet.rowNumbers.push(row.number);
    });
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new DomainError('invalid', workbookProblem(bytes.subarray(0, 8), file));
  }
  const width = sheet.rows.reduce((w, r) => Math.max(w, r.length), 0);
  for (const r of sheet.rows) for (let c = 0; c < width; c++) r[c] ??= '';
  fillMerged(sheet, merges);
  const kept = sheet.rows.map((r, i) => [r, sheet.rowNumbers[i]] as const).filter(([r]) => r.some((x) => x));
  if (!kept.length) throw new DomainError('invalid', `“${file}”中没有数据：工作表是空的`);
  return { name: sheet.name, rows: kept.map(([r]) => r), rowNumbers: kept.map(([, n]) => n), sheets: sheet.sheets, exportInfo };
}

/** Every cell of a merged range shows its first cell's text (as Excel does), for the rows read. */
function fillMerged(sheet: Sheet, ranges: { top: number; left: number; bottom: number; right: number }[]): void {
  const index = new Map(sheet.rowNumbers.map((n, i) => [n, i]));
  for (const m of ranges) {
    const first = index.get(m.top);
    const text = first === undefined ? '' : sheet.rows[first][m.left - 1] ?? '';
    if (!text) continue;
    // Only the rows read, from the merge's first: a range claiming millions of rows costs what the sheet holds.
    for (let i = first!; i < sheet.rows.length && sheet.rowNumbers[i] <= m.bottom; i++) {
      for (let c = m.left; c <= m.right && c - 1 < sheet.rows[i].length; c++) if (!sheet.rows[i][c - 1]) sheet.rows[i][c - 1] = text;
    }
  }
}

/** Column letters of a 0-based column index: 0 → A. */
export function columnLetter(index: number): string {
  return colName(index + 1);
}
