import ExcelJS from 'exceljs';
import { existsSync, readFileSync } from 'node:fs';
import { DomainError } from '../../shared/api/result';
import { colName } from './export-xlsx';

/** The text a cell shows, whatever exceljs holds (rich text, formula results, dates, numbers). */
export function cellString(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('result' in v) return cellString(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text).trim();
    if ('error' in v) return '';
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

/** Reads the first sheet of an .xlsx as text rows (1-based row numbers kept), refusing what is not one. */
export async function readSheet(file: string): Promise<Sheet> {
  if (!existsSync(file)) throw new DomainError('not_found', `文件“${file}”不存在`);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch {
    throw new DomainError('invalid', workbookProblem(readFileSync(file).subarray(0, 8), file));
  }
  const ws = wb.worksheets.find((w) => w.actualRowCount > 0);
  if (!ws) throw new DomainError('invalid', `“${file}”中没有数据：工作表是空的`);
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellString(row.getCell(c).value));
    rows.push(cells);
    rowNumbers.push(n);
  });
  return { name: ws.name, rows, rowNumbers };
}

/** Column letters of a 0-based column index: 0 → A. */
export function columnLetter(index: number): string {
  return colName(index + 1);
}
