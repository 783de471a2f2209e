import { expect, openAs, test } from './fixtures';

test('the shell is Chinese, asks who is signing in, and shows only what exists and the role may use', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('form', { name: '登录' })).toBeVisible();
  await expect(page.getByRole('region', { name: '演示账号' })).toContainText('zhenjie1');
  await page.screenshot({ path: 'test-results/sign-in.png' });
  await openAs(page, host);
  const nav = await page.locator('nav.sidebar a .label').allTextContents();
  expect(nav).toEqual(['工作台', '地图', '企业', '排污口', '现场检查', '问题整改', '信访投诉', '案件查处', '双随机', '台账', '同步', '我的账号']);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('清水县生态环境局');
  await expect(page.locator('table.grid tbody tr')).toHaveCount(10);
  await expect(page.getByRole('img', { name: '问题分区域（镇街）' }).locator('canvas')).toBeVisible();
  await page.screenshot({ path: 'test-results/dashboard-shell.png' });
  // the address bar no longer shows the token
  expect(page.url()).not.toContain('token=');
  await page.reload();
  await expect(page.getByTestId('current-role')).toContainText('zhifa1');
});

test('settings: adding an inspector without a certificate number is refused, with one it is listed', async ({ page, host }) => {
  await openAs(page, host, 'admin');
  await page.goto(`${host.url}#/settings`);
  await page.getByRole('button', { name: '添加人员' }).click();
  await page.locator('input[name=personName]').fill('欧阳新');
  await page.getByRole('button', { name: '保存' }).nth(1).click();
  await expect(page.locator('.field-error', { hasText: '执法人员须填写执法证号' })).toBeVisible();
  await page.locator('input[name=certificateNo]').fill('36079926099');
  await page.getByRole('button', { name: '保存' }).nth(1).click();
  await expect(page.getByRole('cell', { name: '欧阳新' })).toBeVisible();
  await page.screenshot({ path: 'test-results/settings.png', fullPage: true });
});
