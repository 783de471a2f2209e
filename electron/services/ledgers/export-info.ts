import type ExcelJS from 'exceljs';

/*
 * What an exported register was exported from (issue 20: a stale sheet never undoes newer work). The
 * register sheet carries each row's record id in a last, hidden column; a hidden sheet holds, per
 * record, when it was last changed and the values as exported. An import then compares each cell with
 * what was exported: unchanged since → the record's current value is kept; changed in the sheet only →
 * applied; changed in both → a conflict the person decides.
 */

export const EXPORT_INFO_SHEET = '清水导出信息';
export const RECORD_ID_HEADER = '清水记录号';
const FORMAT = 'qingshui-export-v1';

export type ExportInfoRow = { id: string; updatedAt: string; values: unknown[] };

/** Writes the hidden sheet: a first row naming the format, the ledger and the time, then one row per record. */
export function writeExportInfo(ws: ExcelJS.Worksheet, ledgerId: string, headers: string[], rows: ExportInfoRow[]): void {
  ws.addRow([FORMAT, ledgerId, new Date().toISOString(), ...headers]).commit();
  for (const r of rows) ws.addRow([r.id, r.updatedAt, ...r.values]).commit();
  ws.commit();
}

/** The export a sheet came from: its ledger, when, and per record id the cells as exported (texts, by column). */
export type ExportInfo = { ledgerId: string; exportedAt: string; headers: string[]; base: Map<string, { updatedAt: string; cells: string[] }> };

/** Reads the hidden sheet's rows (as text) back; null when they are not ours. */
export function exportInfoOf(rows: string[][]): ExportInfo | null {
  const [head, ...rest] = rows;
  if (!head || head[0] !== FORMAT) return null;
  const base = new Map<string, { updatedAt: string; cells: string[] }>();
  for (const r of rest) if (r[0]) base.set(r[0], { updatedAt: r[1] ?? '', cells: r.slice(2) });
  return { ledgerId: head[1] ?? '', exportedAt: head[2] ?? '', headers: head.slice(3), base };
}
