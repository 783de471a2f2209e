import ExcelJS from 'exceljs';
import { expect, openAs, test } from './fixtures';

test('台账: a clerk picks a ledger and a town, previews it as the sheet will look, exports and downloads the .xlsx', async ({ page, host }) => {
  await openAs(page, host);
  await page.getByRole('link', { name: '台账' }).click();
  await page.getByRole('button', { name: '入河排污口排查整治台账' }).click();
  await expect(page.getByTestId('ledger-total')).toHaveText('共 200 行');
  await expect(page.locator('table.sheet .sheet-title')).toHaveText('清水县入河排污口排查整治台账');
  await expect(page.locator('table.sheet .sheet-head').first()).toContainText('位置');
  await page.getByLabel('镇街').selectOption({ label: '白沙镇' });
  await expect(page.getByTestId('ledger-total')).not.toHaveText('共 200 行');
  const total = Number((await page.getByTestId('ledger-total').textContent())!.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: '信访投诉办理台账 待提供' })).toBeDisabled();
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
});
