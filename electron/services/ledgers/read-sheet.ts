import ExcelJS from 'exceljs';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { DomainError } from '../../../shared/api/result';
import { colName } from './export-xlsx';
import { checkZipSizes, scanSheets } from './xlsx-zip';
import { openZip } from './zip-file';
import { openWorkbook, readSheetRows, readSheetRowsAsync, type SheetMerge, type SheetRow, type Workbook } from './xlsx-stream';
import { EXPORT_INFO_SHEET } from './export-info';

/** The most rows an import reads (a county's registers hold a few thousand; a sheet past this is refused, not half-read). */
export const MAX_IMPORT_ROWS = 200_000;

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

/**
 * A sheet opened for import (issue 20: import never holds the whole file): what is known before its rows
 * are read, its first rows (where title and header rows are), and its rows read once, in order, as the
 * file is read — merged cells filled as Excel shows them, rows with nothing in them left out.
 */
export type OpenedSheet = {
  name: string; /** Every sheet of the workbook with data, in order. */ sheets: string[];
  /** The rows of the hidden sheet an export of ours carries (`export-info.ts`), when there is one. */
  exportInfo: string[][] | null;
  /** How many rows with content the sheet holds (counted before any cell is parsed). */
  rowCount: number;
  /** The first rows with content (up to `TOP_ROWS`). */
  top: SheetRow[];
  /** Every row with content, from the first, as it is read; other work runs between pieces of the file. */
  rows(onRow: (row: SheetRow) => void): Promise<void>;
  /** The same, all at once (inside a transaction). */
  rowsSync(onRow: (row: SheetRow) => void): void;
};

/** The rows at the top an import looks for its header in (kept even when empty but for merged cells). */
export const TOP_ROWS = 30;

/** How well a sheet's top rows look like the register being imported (the best is proposed when the person named none). */
export type SheetScore = (topRows: string[][]) => number;

class Enough extends Error {}

/** The first `n` rows of a sheet, as text (merged cells not filled: enough to judge a header). */
function topRows(wb: Workbook, part: string, date1904: boolean, n: number): string[][] {
  const rows: string[][] = [];
  try {
    readSheetRows(wb, part, date1904, (row) => { rows.push(row.cells.map((c) => c ?? '')); if (rows.length >= n) throw new Enough(); });
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

function headOf(file: string): Buffer {
  const fd = openSync(file, 'r');
  try { const b = Buffer.alloc(8); readSync(fd, b, 0, 8, 0); return b; } finally { closeSync(fd); }
}

/**
 * Opens a sheet of an .xlsx for import, refusing what is not one: the zip's central directory is checked
 * first (a zip bomb is refused before anything is inflated), then each sheet's rows are counted and its
 * merged ranges listed as the file streams by (a sheet past MAX_IMPORT_ROWS is refused before a cell is
 * parsed). The sheet is the one the person named; else, of several, the one whose top rows look most
 * like the register (`score`); else the first with data. Its rows are read later, once, as a stream.
 */
export async function openSheet(file: string, opts: { sheet?: string; score?: SheetScore } = {}): Promise<OpenedSheet> {
  if (!existsSync(file)) throw new DomainError('not_found', `文件“${file}”不存在`);
  const unreadable = () => new DomainError('invalid', workbookProblem(headOf(file), file));
  // The central directory read once: the limits are checked on it, and every stream that follows goes by it.
  const zip = openZip(file);
  if (!zip) throw unreadable();
  checkZipSizes(zip, file);
  const scanned = new Map(scanSheets(zip).map((c) => [c.entry, c]));
  let wb: Workbook;
  try { wb = openWorkbook(zip); } catch (e) { if (e instanceof DomainError) throw e; throw unreadable(); }
  const listed = wb.sheets.length ? wb.sheets : [...scanned.keys()].map((part) => ({ name: part.replace(/^.*\//, '').replace(/\.xml$/, ''), part, date1904: false }));
  const rowsOf = (part: string) => scanned.get(part)?.rows ?? 0;
  const infoSheet = listed.find((x) => x.name === EXPORT_INFO_SHEET);
  const withData = listed.filter((x) => rowsOf(x.part) > 0 && x !== infoSheet);
  if (!withData.length) {
    if (!scanned.size) throw unreadable();
    throw new DomainError('invalid', `“${file}”中没有数据：工作表是空的`);
  }
  let target = withData[0];
  if (opts.sheet) {
    const named = listed.find((x) => x.name === opts.sheet);
    if (!named) throw new DomainError('invalid', `工作簿中没有名为“${opts.sheet}”的工作表（有：${listed.map((x) => x.name).join('、')}）`);
    target = named;
  } else if (withData.length > 1 && opts.score) {
    let best = -1;
    for (const x of withData.slice(0, 20)) {
      const sc = opts.score(topRows(wb, x.part, x.date1904, 14));
      if (sc > best) { best = sc; target = x; }
    }
  }
  const label = `工作表“${target.name}”`;
  if (rowsOf(target.part) > MAX_IMPORT_ROWS) throw tooManyRows(label, rowsOf(target.part));
  let exportInfo: string[][] | null = null;
  if (infoSheet && rowsOf(infoSheet.part) <= MAX_IMPORT_ROWS + 1) {
    exportInfo = [];
    // Bounded as it is read (its row count may be understated by a hostile file): rows, and columns (an export has a few dozen).
    try {
      readSheetRows(wb, infoSheet.part, infoSheet.date1904, (row) => {
        if (exportInfo!.length > MAX_IMPORT_ROWS) throw new Enough();
        exportInfo!.push(Array.from({ length: Math.min(row.cells.length, 1000) }, (_, c) => row.cells[c] ?? ''));
      });
    } catch { exportInfo = null; }
  }
  const merges = scanned.get(target.part)?.merges ?? [];
  const read = (onRow: (row: SheetRow) => void) => {
    const fill = mergeFill(merges);
    let width = 0;
    let kept = 0;
    return (row: SheetRow) => {
      // A row empty but for merged cells may be part of the header (its text comes from the merge).
      if (!row.cells.some((x) => x) && row.number > TOP_ROWS) return;
      const cells = Array.from({ length: Math.max(row.cells.length, width) }, (_, c) => row.cells[c] ?? '');
      fill(row.number, cells, width);
      if (!cells.some((x) => x)) return;
      if (kept < TOP_ROWS) width = Math.max(width, cells.length);
      if (++kept > MAX_IMPORT_ROWS) throw tooManyRows(label, null);
      onRow({ number: row.number, cells });
    };
  };
  const guarded = async <T>(work: () => T | Promise<T>): Promise<T> => {
    try { return await work(); } catch (e) { if (e instanceof DomainError || e instanceof Enough) throw e; throw unreadable(); }
  };
  const top: SheetRow[] = [];
  await guarded(() => { try { readSheetRows(wb, target.part, target.date1904, read((r) => { top.push(r); if (top.length >= TOP_ROWS) throw new Enough(); })); } catch (e) { if (!(e instanceof Enough)) throw e; } });
  if (!top.length) throw new DomainError('invalid', `“${file}”中没有数据：工作表是空的`);
  return {
    name: target.name, sheets: withData.map((x) => x.name), exportInfo, rowCount: rowsOf(target.part), top,
    rows: (onRow) => guarded(() => readSheetRowsAsync(wb, target.part, target.date1904, read(onRow))),
    rowsSync: (onRow) => {
      try { readSheetRows(wb, target.part, target.date1904, read(onRow)); } catch (e) { if (e instanceof DomainError) throw e; throw unreadable(); }
    },
  };
}

/** Reads a whole sheet into memory (for checks and tests; the import streams with `openSheet`). */
export async function readSheet(file: string, opts: { sheet?: string; score?: SheetScore } = {}): Promise<Sheet> {
  const opened = await openSheet(file, opts);
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  await opened.rows((r) => { rows.push(r.cells); rowNumbers.push(r.number); });
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  for (const r of rows) for (let c = 0; c < width; c++) r[c] ??= '';
  return { name: opened.name, rows, rowNumbers, sheets: opened.sheets, exportInfo: opened.exportInfo };
}

/**
 * Fills merged cells as rows stream by, in order: every cell of a merged range shows its first cell's
 * text (as Excel does). Only as wide as the sheet's top rows: a range claiming every column costs what the sheet holds.
 */
function mergeFill(merges: SheetMerge[]): (number: number, cells: string[], width: number) => void {
  const sorted = [...merges].sort((a, b) => a.top - b.top);
  let next = 0;
  let active: { m: SheetMerge; text: string }[] = [];
  // Which merge fills each column now: merged ranges do not overlap in a sound sheet, so one overlapping a
  // range still filling is left out — each cell is filled once at most, whatever a hostile list says.
  const owner = new Map<number, SheetMerge>();
  return (n, cells, width) => {
    while (next < sorted.length && sorted[next].top <= n) {
      const m = sorted[next++];
      const text = m.top === n ? cells[m.left - 1] ?? '' : '';
      if (!text) continue;
      const wide = Math.min(m.right, Math.max(width, cells.length));
      let free = true;
      for (let c = m.left; c <= wide && free; c++) { const o = owner.get(c); if (o && o.bottom >= n) free = false; }
      if (!free) continue;
      for (let c = m.left; c <= wide; c++) owner.set(c, m);
      active.push({ m, text });
    }
    if (!active.length) return;
    active = active.filter((a) => a.m.bottom >= n);
    const wide = Math.max(width, cells.length);
    for (const { m, text } of active) {
      for (let c = m.left; c <= Math.min(m.right, wide); c++) if (!cells[c - 1]) cells[c - 1] = text;
    }
  };
}


/** Column letters of a 0-based column index: 0 → A. */
export function columnLetter(index: number): string {
  return colName(index + 1);
}
