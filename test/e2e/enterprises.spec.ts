import { expect, openAs, test } from './fixtures';

test('an inspector finds, opens and edits an enterprise; the change is in its history under their name', async ({ page, host }) => {
  const me = await openAs(page, host);
  await page.getByRole('link', { name: '企业' }).click();
  await expect(page.getByTestId('total')).toHaveText('共 400 条');
  const firstName = (await page.getByRole('row').nth(1).getByRole('cell').first().textContent())!;

  // search by a 3-character piece (FTS trigram) and by 2 characters (LIKE)
  const search = page.getByRole('searchbox', { name: '搜索' });
  const piece = [...firstName].slice(3, 6).join('');
  await search.fill(piece);
  await expect(page.getByRole('row').nth(1)).toContainText(piece);
  await search.fill(piece.slice(0, 2));
  await expect(page.getByRole('row').nth(1)).toContainText(piece.slice(0, 2));
  await search.fill(firstName);
  await expect(page.getByTestId('total')).toHaveText('共 1 条');
  await page.screenshot({ path: 'test-results/enterprise-search.png' });
  await page.getByRole('row').nth(1).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(firstName);
  await expect(page.getByTestId('history')).toContainText('系统');
  await page.screenshot({ path: 'test-results/enterprise-detail.png', fullPage: true });

  await page.getByRole('button', { name: '编辑' }).click();
  await page.locator('input[name=contactName]').fill('王建国');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(firstName);
  await expect(page.getByText('王建国').first()).toBeVisible();
  const latest = page.getByTestId('history').locator('> li').first();
  await expect(latest).toContainText(me);
  await expect(latest).toContainText('环保联系人：王建国');
});

test('a new enterprise with bad input shows each problem at its field, then saves with a check-character warning', async ({ page, host }) => {
  await openAs(page, host);
  await page.goto(`${host.url}#/enterprises/new`);
  await page.locator('input[name=name]').fill('清水县新建化工有限公司');
  await page.locator('input[name=uscc]').fill('9113020069922961');
  await page.locator('input[name=contactPhone]').fill('12345');
  await page.locator('input[name=lon]').fill('25.9');
  await page.locator('input[name=lat]').fill('115.05');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('alert').first()).toContainText('请先改正标红的项目');
  await expect(page.getByText('统一社会信用代码应为18位，当前为16位')).toBeVisible();
  await expect(page.getByText('请选择所属镇街')).toBeVisible();
  await expect(page.getByText(/经纬度可能填反了/)).toBeVisible();
  await expect(page.getByText(/联系电话应为11位手机号/)).toBeVisible();
  await page.screenshot({ path: 'test-results/enterprise-form-errors.png' });

  // nothing was written
  await page.goto(`${host.url}#/enterprises`);
  await page.getByRole('searchbox', { name: '搜索' }).fill('新建化工');
  await expect(page.getByTestId('total')).toHaveText('共 0 条');

  await page.goto(`${host.url}#/enterprises/new`);
  await page.locator('input[name=name]').fill('清水县新建化工有限公司');
  await page.locator('input[name=uscc]').fill('91130200699229617Y');
  await expect(page.getByText(/校验位不符/)).toBeVisible();
  await page.locator('select[name=townCode]').selectOption({ label: '龙潭镇' });
  await page.locator('select[name=villageCode]').selectOption({ index: 1 });
  await page.locator('input[name=lon]').fill('115°03′17.5″');
  await page.locator('input[name=lat]').fill('25°54′12.3″');
  await page.locator('input[name=industryCode]').fill('C2614');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('清水县新建化工有限公司');
  await expect(page.getByText(/校验位不符/).first()).toBeVisible();
  await expect(page.locator('dd', { hasText: '115.054861' })).toBeVisible();
  await expect(page.getByText('C2614 有机化学原料制造')).toBeVisible();
});

test('filters by town and key unit, and sorts by a column', async ({ page, host }) => {
  await openAs(page, host);
  await page.goto(`${host.url}#/enterprises`);
  await page.getByRole('combobox', { name: '镇街' }).selectOption({ label: '龙潭镇' });
  await expect(page.getByRole('row').nth(1)).toContainText('龙潭镇');
  const townTotal = Number((await page.getByTestId('total').textContent())!.replace(/\D/g, ''));
  await page.getByLabel('仅重点排污单位').check();
  await expect(page.getByRole('row').nth(1)).toContainText('重点');
  const keyTotal = Number((await page.getByTestId('total').textContent())!.replace(/\D/g, ''));
  expect(keyTotal).toBeLessThan(townTotal);
  await page.getByRole('button', { name: '清除条件' }).click();
  await page.getByRole('columnheader', { name: '统一社会信用代码' }).click();
  await expect(page.getByRole('columnheader', { name: /统一社会信用代码 ▲/ })).toBeVisible();
  const codes = await page.locator('[role=row][data-index] code').allTextContents();
  expect(codes.slice(0, 10)).toEqual([...codes.slice(0, 10)].sort());
});
