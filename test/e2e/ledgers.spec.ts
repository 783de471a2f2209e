import ExcelJS from 'exceljs';
import { expect, openAs, test } from './fixtures';

test('台账: a clerk picks a ledger and a town, previews it as the sheet will look, exports and downloads the .xlsx', async ({ page, host }) => {
  await openAs(page, host, 'juzhang');
  await page.getByRole('link', { name: '台账' }).click();
  await page.getByRole('button', { name: '入河排污口排查整治台账' }).click();
  await expect(page.getByTestId('ledger-total')).toHaveText('共 200 行');
  await expect(page.locator('table.sheet .sheet-title')).toHaveText('清水县入河排污口排查整治台账');
  await expect(page.locator('table.sheet .sheet-head').first()).toContainText('位置');
  await page.getByLabel('镇街').selectOption({ label: '白沙镇' });
  await expect(page.getByTestId('ledger-total')).not.toHaveText('共 200 行');
  const total = Number((await page.getByTestId('ledger-total').textContent())!.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(0);
  // Every ledger has its records now, the closed loop's too.
  await expect(page.getByRole('button', { name: '信访投诉办理台账', exact: true })).toBeEnabled();
  await page.screenshot({ path: 'test-results/ledger-preview.png' });

  await page.getByRole('button', { name: '导出 Excel' }).click();
  await expect(page.getByRole('status')).toContainText(`已导出 ${total} 行`);
  const download = page.waitForEvent('download');
  await page.getByRole('status').getByRole('link', { name: '下载' }).click();
  const file = await (await download).path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  expect(ws.getCell('A1').value).toBe('清水县入河排污口排查整治台账');
  expect(String(ws.getCell('A2').value)).toContain('填报单位（盖章）：清水县生态环境局');
  expect(ws.getCell(4 + total, 1).value).toBe(total);
  await expect(page.getByRole('region', { name: '最近导出' })).toContainText('入河排污口排查整治台账-');

  // The bureau's own sheet: placeholders filled, a wrong field named with its cell.
  const template = async (cells: string[]) => {
    const t = new ExcelJS.Workbook();
    const sheet = t.addWorksheet('表');
    sheet.getCell('A1').value = '{{title}}';
    cells.forEach((v, i) => { sheet.getCell(3, i + 1).value = v; });
    sheet.getCell('A4').value = '审核人：';
    return Buffer.from(await t.xlsx.writeBuffer());
  };
  await expect(page.locator('details.template-help')).toContainText('本局模板的写法');
  await page.getByLabel('按本局模板导出').setInputFiles({ name: '省表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await template(['{{serial}}', '{{name}}', '{{code}}']) });
  await expect(page.getByRole('status')).toContainText(`已按“省表.xlsx”导出 ${total} 行`);
  await page.getByLabel('按本局模板导出').setInputFiles({ name: '错表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await template(['{{serial}}', '{{nom}}']) });
  await expect(page.getByRole('alert')).toContainText('模板单元格 B3 的 {{nom}} 不是“入河排污口排查整治台账”的字段');

  // Importing: our own export is recognised row by row (all unchanged); a clerk's ledger from another
  // county has towns this one lacks — nothing is written and each bad cell is marked in a workbook.
  const importer = page.getByRole('region', { name: '导入已有台账' });
  await importer.getByLabel('导入类别').selectOption('outfalls');
  await importer.getByLabel('选择要导入的文件').setInputFiles(file);
  await expect(importer.getByTestId('import-report')).toContainText(`共 ${total} 行：新增 0，更新 0，无变化 ${total}，有误 0`);
  await importer.getByLabel('导入类别').selectOption('enterprises');
  await importer.getByLabel('选择要导入的文件').setInputFiles('test/fixtures/enterprise-ledger-clerk-style.xlsx');
  await expect(importer.getByTestId('import-report')).toContainText('表头在第 4 行，共 20 行：新增 4，更新 0，无变化 0，有误 16');
  await expect(importer.getByRole('alert')).toContainText('有误的行未写入任何数据');
  await expect(importer.locator('.problems')).toContainText('第 6 行 F 列：所属镇街“柳溪镇”不在本县区划目录中');
  const errors = page.waitForEvent('download');
  await importer.getByRole('link', { name: '下载标注了错误的工作簿' }).click();
  const marked = new ExcelJS.Workbook();
  await marked.xlsx.readFile(await (await errors).path());
  expect(JSON.stringify(marked.worksheets[0].getCell('F6').note)).toContain('柳溪镇');
  await expect(importer.getByRole('button', { name: /确认导入/ })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/ledger-import.png', fullPage: true });
});

test('导入已有台账: a column the workbench does not recognise is mapped by hand, then the rows are written', async ({ page, host }) => {
  await openAs(page, host, 'juzhang');
  await page.getByRole('link', { name: '台账' }).click();
  const sheet = new ExcelJS.Workbook();
  const ws = sheet.addWorksheet('花名册');
  ws.addRow(['检查对象', '信用代码', '镇街', '经度', '纬度']);
  ws.addRow(['清水县映山红食品有限公司', '91360799MA35A1B2XK', '龙潭镇', '115°03′36″', '25°54′12″']);
  const importer = page.getByRole('region', { name: '导入已有台账' });
  await importer.getByLabel('选择要导入的文件').setInputFiles({ name: '花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await sheet.xlsx.writeBuffer()) });
  await expect(importer.getByRole('alert')).toContainText('找不到必需的列：单位名称');
  await importer.getByLabel('“检查对象”对应').selectOption('name');
  await expect(importer.getByTestId('import-report')).toContainText('共 1 行：新增 1，更新 0，无变化 0，有误 0');
  await importer.getByRole('button', { name: /确认导入（新增 1/ }).click();
  await expect(importer.getByTestId('import-report')).toContainText('已全部写入');
  await page.getByRole('link', { name: '企业' }).click();
  await page.getByRole('searchbox', { name: '搜索' }).fill('映山红');
  await expect(page.getByTestId('total')).toHaveText('共 1 条');
});

test('导入已有台账: a register exported last week and edited by a clerk — untouched cells keep newer work, a field changed on both sides is shown side by side and decided', async ({ page, host }) => {
  await openAs(page, host, 'juzhang');
  await page.getByRole('link', { name: '台账' }).click();
  await page.getByRole('button', { name: '排污单位名录' }).click();
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('status').getByRole('link', { name: '下载' }).click();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await (await download).path());
  const ws = book.worksheets[0];
  let phoneCol = 0;
  ws.getRow(3).eachCell((c, n) => { if (c.value === '联系电话') phoneCol = n; });
  ws.getRow(4).eachCell((c, n) => { if (c.value === '联系电话') phoneCol = n; });
  const row = ws.getRow(5);
  const name = String(row.getCell(2).value);
  // A colleague changes the same unit's phone here after the export (through the page's own calls).
  const changed = await page.evaluate(async (n) => {
    const post = async (proc: string, input: unknown) => (await (await fetch(`/rpc/${proc}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) })).json()) as { value: never };
    const list = (await post('enterprises.list', { q: n, limit: 1 })).value as { rows: { id: string }[] };
    await post('enterprises.update', { id: list.rows[0].id, patch: { contactPhone: '13911112222' } });
    return list.rows[0].id;
  }, name);
  expect(changed).toBeTruthy();
  row.getCell(phoneCol).value = '13733334444';
  const importer = page.getByRole('region', { name: '导入已有台账' });
  await importer.getByLabel('选择要导入的文件').setInputFiles({ name: '名录-张三改.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await book.xlsx.writeBuffer()) });
  const conflicts = importer.getByRole('region', { name: '导入冲突' });
  await expect(conflicts.getByRole('alert')).toContainText('有 1 处冲突');
  await expect(conflicts.getByTestId('conflict')).toContainText(name);
  await expect(conflicts.locator('td.sheet')).toHaveText('13733334444');
  await expect(conflicts.locator('td.current')).toHaveText('13911112222');
  await expect(importer.getByRole('button', { name: /确认导入/ })).toHaveCount(0);
  await importer.screenshot({ path: 'test-results/ledger-import-conflict.png' });
  await conflicts.getByRole('button', { name: '保留现值', exact: true }).click();
  await expect(conflicts).toHaveCount(0);
  await expect(importer.getByTestId('import-report')).toContainText('更新 0');
  await expect(importer.getByRole('button', { name: /确认导入/ })).toHaveCount(0);
});
