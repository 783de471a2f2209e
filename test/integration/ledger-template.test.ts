import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';
import { DEMO_ENV } from './cli-env';

const BIN = join(__dirname, '..', '..', 'bin', 'qingshui.cjs');
const qingshui = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: DEMO_ENV });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** A province's own sheet: its own fonts, widths, merges and print setup, with placeholders. */
async function provinceTemplate(file: string, dataCells: string[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表1', { pageSetup: { paperSize: 9, orientation: 'landscape', printTitlesRow: '3:3', printArea: 'A1:E6' } });
  ws.columns = [{ width: 6 }, { width: 30 }, { width: 24 }, { width: 12 }, { width: 16 }];
  ws.getCell('A1').value = '{{title}}（省定格式）';
  ws.getCell('A1').font = { name: '方正小标宋简体', size: 18 };
  ws.mergeCells('A1:E1');
  ws.getCell('A2').value = '填报单位：{{unit}}　　日期：{{date}}';
  ws.mergeCells('A2:E2');
  ['序号', '企业名称', '信用代码', '镇街', '备注'].forEach((h, i) => { ws.getCell(3, i + 1).value = h; ws.getCell(3, i + 1).font = { name: '黑体', bold: true }; });
  dataCells.forEach((v, i) => {
    const c = ws.getCell(4, i + 1);
    c.value = v;
    c.font = { name: '仿宋_GB2312', size: 12 };
    c.border = { top: { style: 'medium' }, bottom: { style: 'medium' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  ws.getCell('A5').value = '审核人：';
  ws.mergeCells('A5:C5');
  ws.getCell('D5').value = '报送：{{county}}生态环境局';
  ws.mergeCells('D5:E5');
  ws.getCell('A6').value = '说明：本表每季度报送。';
  await wb.xlsx.writeFile(file);
}

describe('the bureau’s own template', () => {
  it('repeats the data row for every record and keeps the template’s fonts, borders, merges, widths and print setup', async () => {
    const dir = join(tempDir(), 'ws');
    qingshui('demo', '--data', dir);
    const template = join(dir, 'province.xlsx');
    await provinceTemplate(template, ['{{serial}}', '{{name}}', '{{uscc}}', '{{townName}}', '行业：{{industryCode}}']);
    const out = join(dir, 'filled.xlsx');
    const r = qingshui('export', 'enterprises', '--data', dir, '--out', out, '--template', template, '--town', '360799101000');
    expect(r.code, r.err).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('清水县排污单位名录（省定格式）');
    expect(ws.getCell('A1').font?.name).toBe('方正小标宋简体');
    expect(String(ws.getCell('A2').value)).toMatch(/^填报单位：清水县生态环境局　　日期：\d{4}年\d+月\d+日$/);
    let n = 0;
    while (typeof ws.getCell(4 + n, 1).value === 'number') n++;
    expect(n).toBeGreaterThan(10);
    for (let i = 0; i < n; i++) {
      expect(ws.getCell(4 + i, 1).value).toBe(i + 1);
      expect(ws.getCell(4 + i, 4).value).toBe('龙潭镇');
    }
    expect(ws.getCell(4, 2).font?.name).toBe('仿宋_GB2312');
    expect(ws.getCell(4 + n - 1, 3).border?.bottom?.style).toBe('medium');
    expect(String(ws.getCell(4, 5).value)).toMatch(/^行业：[A-T]\d{4}$/);
    // The rows under the data row moved down, merges with them.
    expect(ws.getCell(4 + n, 1).value).toBe('审核人：');
    expect(ws.getCell(4 + n, 3).master.address).toBe(`A${4 + n}`);
    expect(ws.getCell(4 + n, 4).value).toBe('报送：清水县生态环境局');
    expect(ws.getCell(5 + n, 1).value).toBe('说明：本表每季度报送。');
    expect(ws.getColumn(2).width).toBe(30);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '3:3' });
    expect(ws.pageSetup.printArea).toBe(`A1:E${6 + n - 1}`);
  });

  it('refuses a template naming an unknown field, with the cell address, and writes nothing', async () => {
    const dir = join(tempDir(), 'ws');
    qingshui('demo', '--data', dir);
    const template = join(dir, 'bad.xlsx');
    await provinceTemplate(template, ['{{serial}}', '{{name}}', '{{creditCode}}', '{{townName}}', '']);
    const out = join(dir, 'filled.xlsx');
    const r = qingshui('export', 'enterprises', '--data', dir, '--out', out, '--template', template);
    expect(r.code).toBe(1);
    expect(r.err).toContain('模板单元格 C4 的 {{creditCode}} 不是“排污单位名录”的字段');
    expect(r.err).toContain('{{uscc}}（统一社会信用代码）');
    expect(existsSync(out)).toBe(false);
    const junk = join(dir, 'junk.xlsx');
    writeFileSync(junk, 'not a workbook');
    expect(qingshui('export', 'enterprises', '--data', dir, '--out', out, '--template', junk).err).toContain('无法打开：不是 .xlsx 文件');
  });
});
