import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importHubBundle } from '../../hub/services/bundles';
import { readSheet, MAX_IMPORT_ROWS } from '../../electron/services/ledgers/read-sheet';
import { tempDir } from '../integration/helpers';
import { startHub } from '../integration/sync-helpers';
import { BIN } from '../integration/web-helpers';
import { DEMO_ENV } from '../integration/cli-env';

/** A zip whose one part is `mb` MiB of spaces, deflated to a few hundred KiB (what a zip bomb is). */
function bomb(name: string, mb: number, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({ ...extra, [name]: [new Uint8Array(mb * 1024 * 1024).fill(32), { level: 9 }] });
}

describe('inputs are bounded before they are read', () => {
  it('an .xlsx zip bomb is refused from its central directory, in Chinese, without inflating it', async () => {
    const file = join(tempDir(), 'bomb.xlsx');
    writeFileSync(file, bomb('xl/worksheets/sheet1.xml', 300, { '[Content_Types].xml': new TextEncoder().encode('<Types/>') }));
    const before = process.memoryUsage().rss;
    await expect(readSheet(file)).rejects.toThrow(/疑似压缩炸弹/);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('a .qsync zip bomb is refused before anything in it is inflated', async () => {
    const hub = await startHub();
    const file = join(tempDir(), 'bomb.qsync');
    writeFileSync(file, bomb('blobs/0000', 300, { 'manifest.json': new TextEncoder().encode('{}'), 'manifest.sig': new TextEncoder().encode('x') }));
    await expect(importHubBundle(hub.db, hub.dir, file)).rejects.toThrow(/压缩过的.*已拒收/);
  });

  it('a small sheet claiming a cell far past column XFD, or merges of billions of rows, is refused or costs only what it holds', async () => {
    const sheet = (body: string) => zipSync({
      '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
      'xl/workbook.xml': new TextEncoder().encode('<workbook xmlns:r="r"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': new TextEncoder().encode('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': new TextEncoder().encode(`<worksheet><sheetData>${body}</worksheet>`),
    });
    const wide = join(tempDir(), 'wide.xlsx');
    writeFileSync(wide, sheet('<row r="1"><c r="ZZZZZZ1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'));
    await expect(readSheet(wide)).rejects.toThrow(/无法打开/);
    const merged = join(tempDir(), 'merged.xlsx');
    const merges = Array.from({ length: 5000 }, () => '<mergeCell ref="A1:B2000000000"/>').join('');
    writeFileSync(merged, sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>单位名称</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>甲厂</t></is></c></row></sheetData><mergeCells>${merges}</mergeCells>`));
    const read = await readSheet(merged); // billions of rows walked would time the test out
    // Merges fill only the cells the sheet has (a merge cannot widen it to 16,384 columns × its rows).
    expect(read.rows).toEqual([['单位名称'], ['甲厂']]);
  });

  it('merged ranges piled on one another fill each cell once; a part inflating past the size its central directory declares is refused (issue 20)', async () => {
    const sheet = (body: string) => zipSync({
      '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
      'xl/workbook.xml': new TextEncoder().encode('<workbook xmlns:r="r"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': new TextEncoder().encode('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': new TextEncoder().encode(`<worksheet><sheetData>${body}</worksheet>`),
    });
    const rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>单位名称</t></is></c><c r="B1" t="inlineStr"><is><t>镇街</t></is></c><c r="C1" t="inlineStr"><is><t>乙</t></is></c></row>'];
    for (let r = 2; r <= 20_000; r++) rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>厂${r}</t></is></c></row>`);
    // 5,000 copies of one range over every row: filled by the first only (else 5,000 × 20,000 rows of work).
    const piled = join(tempDir(), 'piled.xlsx');
    writeFileSync(piled, sheet(`${rows.join('')}</sheetData><mergeCells>${Array.from({ length: 5000 }, () => '<mergeCell ref="B1:C20000"/>').join('')}</mergeCells>`));
    const read = await readSheet(piled);
    expect(read.rows).toHaveLength(20_000);
    expect(read.rows[19_999]).toEqual(['厂20000', '镇街', '镇街']);
    // The central directory says the sheet is 100 bytes; its data inflates to far more.
    const lying = Buffer.from(sheet(rows.slice(0, 50).join('') + '</sheetData>'));
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let at = lying.length - 46; at >= 0; at--) {
      if (lying.readUInt32LE(at) === 0x02014b50 && lying.subarray(at + 46, at + 46 + name.length).equals(name)) { lying.writeUInt32LE(100, at + 24); break; }
    }
    const file = join(tempDir(), 'lying.xlsx');
    writeFileSync(file, lying);
    await expect(readSheet(file)).rejects.toThrow(/解压后超过其声明的大小/);
  });

  it('formula cells import as the value Excel cached for them (own and shared formulas)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['单位名称', '排放量', '合计']);
    ws.getCell('A2').value = { formula: 'CONCATENATE("甲","厂")', result: '甲厂' } as ExcelJS.CellFormulaValue;
    ws.getCell('B2').value = 12;
    ws.getCell('C2').value = { formula: 'B2*2', result: 24 } as ExcelJS.CellFormulaValue;
    ws.getCell('A3').value = '乙厂';
    ws.getCell('B3').value = 5;
    ws.getCell('C3').value = { sharedFormula: 'C2', result: 10 } as unknown as ExcelJS.CellValue;
    ws.getCell('A4').value = '丙厂';
    ws.getCell('C4').value = { formula: 'B4*2' } as ExcelJS.CellFormulaValue; // no cached value
    const file = join(tempDir(), 'formulas.xlsx');
    await wb.xlsx.writeFile(file);
    const sheet = await readSheet(file);
    expect(sheet.rows).toEqual([['单位名称', '排放量', '合计'], ['甲厂', '12', '24'], ['乙厂', '5', '10'], ['丙厂', '', '']]);
  });

  it('a streamed sheet keeps every Chinese character, also where one falls across two pieces of the stream', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('排污单位');
    ws.addRow(['单位名称', '地址']);
    for (let i = 0; i < 20_000; i++) ws.addRow([`清水县第${i}号污水处理有限公司`, `城关街道工业园区${i % 97}号厂房`]);
    const file = join(tempDir(), 'names.xlsx');
    await wb.xlsx.writeFile(file);
    const sheet = await readSheet(file);
    expect(sheet.rows).toHaveLength(20_001);
    expect(sheet.rows.filter((r) => r.join('').includes('\uFFFD'))).toEqual([]);
    expect(sheet.rows[12_345]).toEqual(['清水县第12344号污水处理有限公司', `城关街道工业园区${12_344 % 97}号厂房`]);
  });

  it(`a sheet of more than ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows is refused with a clear message, nothing written`, async () => {
    const file = join(tempDir(), 'huge.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const ws = writer.addWorksheet('排污单位');
    ws.addRow(['单位名称', '所属镇街']).commit();
    for (let i = 0; i < MAX_IMPORT_ROWS + 5; i++) ws.addRow([`企业${i}`, '城关街道']).commit();
    ws.commit();
    await writer.commit();
    const dir = join(tempDir(), 'ws');
    expect(spawnSync(process.execPath, [BIN, 'demo', '--data', dir, '--inspections', '0'], { env: DEMO_ENV }).status).toBe(0);
    const r = spawnSync(process.execPath, [BIN, 'import', 'enterprises', file, '--data', dir, '--json'], { encoding: 'utf8', env: DEMO_ENV });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('超过 200,000 行');
    expect(JSON.parse(spawnSync(process.execPath, [BIN, 'stats', '--data', dir, '--json'], { encoding: 'utf8', env: DEMO_ENV }).stdout).enterprises).toBe(400);
  }, 120_000);
});
