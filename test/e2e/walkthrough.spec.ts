import type { Locator, Page } from '@playwright/test';
import { expect, openAs, test } from './fixtures';

// The walkthrough fixes of issue 20 in the lists and records: pinyin search, 超期 N 天 with the problem number,
// 交办 to a person of the directory, 更正 in the app's own dialog. (Settings and sync: walkthrough-settings.spec.ts.)

const day = (offset: number) => { const d = new Date(); d.setDate(d.getDate() + offset); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; };
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
/** The table's body rows (the header is a row too). */
const bodyRows = (page: Page) => page.getByRole('table').getByRole('row').filter({ has: page.getByRole('cell') });
/** A cell shows all of its text: nothing cut off by its column's ellipsis. */
const notCut = (cell: Locator) => cell.evaluate((el) => el.scrollWidth <= el.clientWidth);

test('an enterprise is found by the pinyin initials and by the full pinyin of its name', async ({ page, host }) => {
  await openAs(page, host);
  await page.getByRole('link', { name: '企业' }).click();
  const search = page.getByRole('searchbox', { name: '搜索' });
  // 清水县杨村富民生态养殖有限公司, a demo enterprise: 杨村富民 is yangcunfumin, its initials ycfm (pinyin-pro behind the index).
  for (const q of ['yangcunfumin', 'YangCunFuMin', 'ycfm']) {
    await search.fill(q);
    await expect(bodyRows(page).filter({ hasText: '清水县杨村富民生态养殖有限公司' })).toHaveCount(1);
    // Only names that read so are found: every row is a 杨村…富民 name.
    for (const name of await bodyRows(page).locator('.strong').allTextContents()) expect(name).toMatch(/杨村.*富民/);
  }
  await page.screenshot({ path: 'test-results/walkthrough-pinyin.png' });
  // Initials that no name has find nothing (the index is not a loose match).
  await search.fill('xqzw');
  await expect(page.getByTestId('total')).toHaveText('共 0 条');
});

test.describe('problems past their deadline', () => {
  // A simulated today 400 days on: every open problem of the demo is long overdue (three-digit days).
  const today = day(400);
  test.use({ today });

  test('the 问题整改 list says 超期 N 天 in full, shows the problem number, and finds a problem by its number', async ({ page, host }) => {
    await openAs(page, host, 'juzhang');
    await page.getByRole('link', { name: '问题整改' }).click();
    await page.getByRole('checkbox', { name: '只看超期' }).check();
    const row = bodyRows(page).first();
    await expect(row).toContainText('超期');
    const cells = row.getByRole('cell');
    const deadlineCell = cells.nth(6);
    const deadline = (await deadlineCell.textContent())!.slice(0, 10);
    expect(deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const days = daysBetween(deadline, today);
    expect(days).toBeGreaterThanOrEqual(100);
    await expect(deadlineCell.getByText(`超期 ${days} 天`, { exact: true })).toBeVisible();
    expect(await notCut(deadlineCell), '整改时限 cell cut off').toBe(true);
    // The problem number: shown, whole, and found by the search box.
    const no = (await cells.nth(1).textContent())!.trim();
    expect(no).toMatch(/^\d{4}-[0-9A-Z]{6}$/);
    expect(await notCut(cells.nth(1)), '问题编号 cell cut off').toBe(true);
    const description = (await row.locator('.strong').textContent())!;
    await page.screenshot({ path: 'test-results/walkthrough-overdue.png' });
    await page.getByRole('checkbox', { name: '只看超期' }).uncheck();
    await page.getByRole('searchbox', { name: '搜索' }).fill(no);
    await expect(page.getByTestId('total')).toHaveText('共 1 条');
    await expect(bodyRows(page).first()).toContainText(no);
    await expect(bodyRows(page).first()).toContainText(description);
    // In lower case too (as typed from a printed ledger).
    await page.getByRole('searchbox', { name: '搜索' }).fill(no.toLowerCase());
    await expect(page.getByTestId('total')).toHaveText('共 1 条');
    await bodyRows(page).first().click();
    await expect(page.locator('.details')).toContainText(no);
  });
});

test('交办 to a person of the directory: the unit is that person\'s own, and a unit that disagrees is refused', async ({ page, host }) => {
  await openAs(page, host, 'juzhang');
  await page.getByRole('link', { name: '问题整改' }).click();
  await page.getByRole('combobox', { name: '状态' }).selectOption({ label: '待整改' });
  const row = bodyRows(page).first();
  const description = (await row.locator('.strong').textContent())!;
  await row.getByRole('checkbox').check();
  const bar = page.getByRole('region', { name: '批量交办' });
  const person = bar.getByRole('combobox', { name: '责任人' });
  // A town officer of the directory: the unit field takes their unit.
  const option = (await person.locator('option').allTextContents()).find((o) => /人民政府|办事处/.test(o))!;
  const [, name, unit] = /^(.+)（(.+)）$/.exec(option)!;
  await person.selectOption({ label: option });
  await expect(bar.getByRole('combobox', { name: '责任单位' })).toHaveValue(unit);
  await expect(bar.getByRole('textbox', { name: '责任人姓名' })).toHaveCount(0);
  // Another unit with that person: refused, nothing written.
  await bar.getByRole('combobox', { name: '责任单位' }).fill('某某公司');
  await bar.getByRole('button', { name: '批量交办' }).click();
  await expect(bar.getByRole('status')).toContainText(`责任人${name}属于“${unit}”`);
  await bar.screenshot({ path: 'test-results/walkthrough-assign-refused.png' });
  // Picking the person again puts their unit back.
  await person.selectOption('');
  await person.selectOption({ label: option });
  await expect(bar.getByRole('combobox', { name: '责任单位' })).toHaveValue(unit);
  await bar.getByRole('button', { name: '批量交办' }).click();
  await expect(bar.getByRole('status')).toHaveText('已交办 1 个问题');
  await page.getByRole('combobox', { name: '状态' }).selectOption('');
  await page.getByRole('searchbox', { name: '搜索' }).fill(description);
  await expect(bodyRows(page).filter({ hasText: `${unit} / ${name}` }).first()).toBeVisible();

  // On a problem's own page the same: picking the person shows their unit, and that is what is recorded.
  await bodyRows(page).filter({ hasText: `${unit} / ${name}` }).first().click();
  await page.getByRole('region', { name: '可办理的操作' }).getByRole('button', { name: '交办', exact: true }).click();
  const form = page.getByRole('form', { name: '交办' });
  const other = (await form.getByLabel('责任人（人员名录）').locator('option').allTextContents()).find((o) => /人民政府|办事处/.test(o) && !o.includes(unit))!;
  const [, name2, unit2] = /^(.+)（(.+)）$/.exec(other)!;
  await form.getByLabel('责任人（人员名录）').selectOption({ label: other });
  await expect(form.getByLabel('责任单位')).toHaveValue(unit2);
  await expect(form.getByLabel('责任人姓名')).toHaveValue(name2);
  await page.screenshot({ path: 'test-results/walkthrough-assign-page.png', fullPage: true });
  // Changed to another unit by hand: the core refuses, at the field.
  await form.getByLabel('责任单位').fill(unit);
  await form.getByRole('button', { name: '确认交办' }).click();
  await expect(form.locator('.field-error')).toContainText(`责任人${name2}属于“${unit2}”`);
  await form.getByLabel('责任单位').fill(unit2);
  await form.getByRole('button', { name: '确认交办' }).click();
  await expect(form).toBeHidden();
  await expect(page.locator('.details')).toContainText(unit2);
  await expect(page.locator('.details')).toContainText(name2);
});

test('更正 of a finalized inspection asks for its reason in the app\'s own dialog, never window.prompt', async ({ page, host }) => {
  const native: string[] = [];
  page.on('dialog', (d) => { native.push(`${d.type()}: ${d.message()}`); void d.dismiss(); });
  const me = await openAs(page, host);
  await page.getByRole('link', { name: '现场检查' }).click();
  // One of the inspector's own records (only its officers or an administrator may correct it).
  await page.getByRole('combobox', { name: '状态' }).selectOption({ label: '已定稿' });
  await page.getByRole('combobox', { name: '执法人员' }).selectOption({ label: me });
  await bodyRows(page).first().click();
  const original = page.url();
  await page.getByRole('button', { name: '更正', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '更正检查记录' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: '更正原因' })).toBeFocused();
  // Empty: said in the dialog; 取消: nothing happens.
  await dialog.getByRole('button', { name: '开始更正' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('请填写更正原因');
  await page.screenshot({ path: 'test-results/walkthrough-correct-dialog.png' });
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
  expect(page.url()).toBe(original);
  // With a reason: the corrected version opens as a draft naming it.
  await page.getByRole('button', { name: '更正', exact: true }).click();
  await dialog.getByRole('textbox', { name: '更正原因' }).fill('当事人姓名写错');
  await dialog.getByRole('button', { name: '开始更正' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.target-line')).toContainText('更正自 原记录（当事人姓名写错）');
  expect(page.url()).not.toBe(original);
  expect(native).toEqual([]);
});
