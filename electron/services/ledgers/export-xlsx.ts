import ExcelJS from 'exceljs';
import { renameSync, rmSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { cellValue, chineseDate, numberFormat, rowHeight, type LedgerStyle } from '../../../shared/ledger/format';
import { SERIAL, headerLayout } from '../../../shared/ledger/layout';
import type { LedgerSpec } from '../../../shared/ledger/spec';
import { countRows, ledgerRows, type LedgerFilters } from './sources';
import { EXPORT_INFO_SHEET, RECORD_ID_HEADER, writeExportInfo, type ExportInfoRow } from './export-info';
import { deviceSigner, signText } from '../../store/record-signing';

export type ExportHeading = { county: string; bureau: string; reporter: string; phone: string };
export type ExportOptions = {
  spec: LedgerSpec; filters: LedgerFilters; style: LedgerStyle; heading: ExportHeading; out: string;
  /** Landscape on A4 (default) or A3, fitted to the page's width. */
  paper?: 'A4' | 'A3';
  onProgress?: (done: number, total: number) => void;
  /** Throws when the user cancelled (checked between batches). */
  checkCancelled?: () => void;
};

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const DATA_FONT = { name: '宋体', size: 10 };
const HEAD_FONT = { name: '宋体', size: 10, bold: true };
const TITLE_FONT = { name: '黑体', size: 20 };

/** Splits `n` columns into `parts` ranges (1-based, inclusive) for the 填报单位 and signature rows. */
function segments(n: number, parts: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < parts; i++) {
    const a = Math.floor((i * n) / parts) + 1;
    const b = Math.floor(((i + 1) * n) / parts);
    if (b >= a) out.push([a, b]);
  }
  return out;
}

/**
 * Writes a ledger as the county's sheet (DOMAIN conventions): merged 黑体 title, the 填报单位 row,
 * grouped headers with 序号 spanning them, thin borders, wrapped 宋体 data, frozen panes, A4 landscape
 * fit to width, print titles and area, `第 &P 页 共 &N 页`, the 负责人/审核人/填表人/填表日期 row.
 * Rows stream from SQLite into exceljs's WorkbookWriter one at a time; the file appears whole (written
 * under a temporary name and renamed) or not at all.
 */
export async function exportLedger(db: Database, o: ExportOptions): Promise<{ rows: number; file: string }> {
  const columns = [SERIAL, ...o.spec.columns];
  const n = columns.length;
  const { depth, cells } = headerLayout(columns);
  const total = countRows(db, o.spec.source, o.filters);
  const firstData = 3 + depth;
  const notes = o.spec.notes ?? [];
  const lastRow = firstData + total - 1 + notes.length + 1;
  const tmp = `${o.out}.${process.pid}.part`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: false });
  wb.creator = '清水生态环境执法工作台';
  const ws = wb.addWorksheet(o.spec.name.slice(0, 31), {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 2 + depth }],
    pageSetup: {
      // OOXML paper sizes: 9 = A4, 8 = A3 (exceljs's enum lacks A3).
      paperSize: (o.paper === 'A3' ? 8 : 9) as never, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
      printTitlesRow: `3:${2 + depth}`, printArea: `A1:${colName(n)}${lastRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页', evenFooter: '&C第 &P 页 共 &N 页' },
  });
  // A register's rows carry their record's id in a last, hidden column (issue 20): a sheet sorted or cut by
  // the clerk still names each record, and its import compares with what was exported (`export-info.ts`).
  const tracked = o.spec.source === 'enterprises' || o.spec.source === 'outfalls';
  ws.columns = [...columns.map((c) => ({ key: c.key, width: c.width })), ...(tracked ? [{ key: '__id', width: 12, hidden: true }] : [])];
  const exported: ExportInfoRow[] = [];
  // One style object per column, shared by all its cells: exceljs recognises a style object it has
  // seen (a WeakMap) instead of re-encoding it for each of the millions of cells.
  const dataStyles: Partial<ExcelJS.Style>[] = columns.map((c) => ({
    font: DATA_FONT, border: BORDER, numFmt: numberFormat(c, o.style),
    alignment: { vertical: 'middle', horizontal: c.format === 'integer' || c.key === '__serial' ? 'center' : 'left', wrapText: !!c.wrap },
  }));
  try {
    // Title and 填报单位 rows: merged, borderless.
    const title = ws.getRow(1);
    title.height = 36;
    const t = title.getCell(1);
    t.value = o.spec.title.replace('{county}', o.heading.county);
    for (let col = 1; col <= n; col++) title.getCell(col).style = { font: TITLE_FONT, alignment: { horizontal: 'center', vertical: 'middle' } };
    ws.mergeCells(1, 1, 1, n);
    const info = ws.getRow(2);
    info.height = 22;
    const labels = [`填报单位（盖章）：${o.heading.bureau}`, `填报人：${o.heading.reporter}`, `联系电话：${o.heading.phone}`, `填报日期：${chineseDate()}`];
    for (const [i, [a, b]] of segments(n, 4).entries()) {
      const c = info.getCell(a);
      c.value = labels[i];
      c.style = { font: DATA_FONT, alignment: { horizontal: i === 3 ? 'right' : 'left', vertical: 'middle' } };
      if (b > a) ws.mergeCells(2, a, 2, b);
    }
    for (let col = 1; col <= n; col++) { if (!info.getCell(col).value) info.getCell(col).style = { font: DATA_FONT }; }
    title.commit();
    info.commit();
    // Header rows: every cell bordered and centred; merges made before the rows are committed.
    const headRows = Array.from({ length: depth }, (_, i) => ws.getRow(3 + i));
    for (const r of headRows) { r.height = 20; for (let col = 1; col <= n; col++) r.getCell(col).style = { font: HEAD_FONT, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } }; }
    if (tracked) headRows[depth - 1].getCell(n + 1).value = RECORD_ID_HEADER;
    for (const h of cells) {
      headRows[h.row - 1].getCell(h.col).value = h.text;
      if (h.rowSpan > 1 || h.colSpan > 1) ws.mergeCells(2 + h.row, h.col, 2 + h.row + h.rowSpan - 1, h.col + h.colSpan - 1);
    }
    for (const r of headRows) r.commit();
    let serial = 0;
    for (const record of ledgerRows(db, o.spec.source, o.filters)) {
      serial++;
      const values = o.spec.columns.map((c) => cellValue(c, record[c.key], o.style));
      const row = ws.addRow([serial, ...values, ...(tracked ? [record.__id as string] : [])]);
      if (tracked) exported.push({ id: record.__id as string, updatedAt: record.__updatedAt as string, values: [serial, ...values] });
      for (let col = 1; col <= n; col++) row.getCell(col).style = dataStyles[col - 1];
      row.height = rowHeight(o.spec.columns, values);
      row.commit();
      if (serial % 2000 === 0) {
        o.onProgress?.(serial, total);
        o.checkCancelled?.();
        await new Promise((r) => setImmediate(r)); // let the host answer (progress, cancel) between batches
      }
    }
    for (const note of notes) {
      const r = ws.addRow([note]);
      for (let col = 1; col <= n; col++) r.getCell(col).style = { font: DATA_FONT, alignment: { wrapText: true, vertical: 'middle' } };
      ws.mergeCells(r.number, 1, r.number, n);
      r.commit();
    }
    const sign = ws.addRow([]);
    sign.height = 26;
    for (let col = 1; col <= n; col++) sign.getCell(col).style = { font: DATA_FONT, alignment: { vertical: 'middle' } };
    for (const [i, [a, b]] of segments(n, 4).entries()) {
      sign.getCell(a).value = ['负责人：', '审核人：', '填表人：', '填表日期：'][i];
      if (b > a) ws.mergeCells(sign.number, a, sign.number, b);
    }
    sign.commit();
    ws.commit();
    if (tracked) {
      const device = deviceSigner(db);
      writeExportInfo(wb.addWorksheet(EXPORT_INFO_SHEET, { state: 'hidden' }), o.spec.id, columns.map((c) => c.header[c.header.length - 1]), exported, { publicKey: device.publicKey, sign: (text) => signText(device, text) });
    }
    await wb.commit();
    o.onProgress?.(serial, total);
    renameSync(tmp, o.out);
    return { rows: serial, file: o.out };
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Column letters: 1 → A, 27 → AA. */
export function colName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
