import { expect, openAs, test } from './fixtures';

test('an outfall edit that takes another outfall’s code is refused at the code field, and nothing changes', async ({ page, host }) => {
  await openAs(page, host);
  await page.goto(`${host.url}#/outfalls`);
  await expect(page.getByTestId('total')).toHaveText('共 200 条');
  await page.screenshot({ path: 'test-results/outfall-list.png' });
  const rows = page.locator('[role=row][data-index]');
  const takenCode = (await rows.locator('code').first().textContent())!;
  await page.getByRole('combobox', { name: '排污口类型' }).selectOption('农业排口');
  await expect(rows.first()).toContainText('农业排口');
  await rows.first().click();
  const name = (await page.getByRole('heading', { level: 1 }).textContent())!;
  await page.getByRole('button', { name: '编辑' }).click();
  await page.locator('input[name=code]').fill(takenCode);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.field-error', { hasText: `排污口编码“${takenCode}”已被另一个排污口使用` })).toBeVisible();
  await page.screenshot({ path: 'test-results/outfall-form-conflict.png' });
  await page.getByRole('button', { name: '取消' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByText(takenCode)).toHaveCount(0);
});

test('a newly found outfall is recorded with its responsible enterprise (溯)', async ({ page, host }) => {
  await openAs(page, host);
  await page.goto(`${host.url}#/outfalls/new`);
  await page.locator('input[name=name]').fill('清水河城关段新发现排口');
  await page.locator('select[name=type]').selectOption('工业排污口');
  await page.locator('select[name=subType]').selectOption('工业企业雨洪排口');
  await page.locator('select[name=waterBodyId]').selectOption({ label: '清水河' });
  await page.locator('select[name=townCode]').selectOption({ label: '城关街道' });
  await page.locator('input[name=lon]').fill('115.0512');
  await page.locator('input[name=lat]').fill('25.9033');
  await page.locator('input[name=enterpriseSearch]').fill('化工');
  const option = page.getByRole('listbox').getByRole('option').first();
  await expect(option).toContainText('化工');
  const enterprise = (await option.textContent())!.split('有限公司')[0] + '有限公司';
  await option.click();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('清水河城关段新发现排口');
  await expect(page.locator('dd', { hasText: '清水河流域' })).toBeVisible();
  await page.getByRole('link', { name: enterprise }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(enterprise);
  await expect(page.getByRole('link', { name: '清水河城关段新发现排口' })).toBeVisible();
});
