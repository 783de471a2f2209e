import ExcelJS from 'exceljs';

export type CellProblem = { row: number; col: number; message: string };

/**
 * The original file with each bad cell filled red and a comment saying what is wrong, so the clerk
 * fixes the sheet they know rather than a report about it.
 */
export async function writeErrorWorkbook(original: string, sheetName: string, problems: CellProblem[], out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(original);
  const ws = wb.getWorksheet(sheetName) ?? wb.worksheets[0];
  const byCell = new Map<string, string[]>();
  for (const p of problems) {
    const key = `${p.row}:${p.col}`;
    byCell.set(key, [...(byCell.get(key) ?? []), p.message]);
  }
  for (const [key, messages] of byCell) {
    const [row, col] = key.split(':').map(Number);
    const cell = ws.getCell(row, col + 1);
    // A loaded workbook shares one style object among cells of the same style: give this cell its own.
    cell.style = {
      ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } },
      font: { ...(cell.style.font ?? {}), color: { argb: 'FF9C0006' } },
    };
    cell.note = { texts: [{ text: messages.join('\n') }] };
  }
  await wb.xlsx.writeFile(out);
}
