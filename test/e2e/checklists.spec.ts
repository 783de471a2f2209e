import { readFileSync } from 'node:fs';
import { expect, openAs, test } from './fixtures';

test('设置 → 检查表: a new version is edited in a form and saved beside the old one; bad JSON is refused where it is wrong; export and retire', async ({ page, host }) => {
  await openAs(page, host, 'juzhang');
  await page.getByRole('link', { name: '设置' }).click();
  const region = page.getByRole('region', { name: '检查表' });
  // Built in: version 1 (fixed limits, kept for its records) and version 2 (the target's discharge limits, issue 19).
  await expect(region.getByRole('row', { name: /工业企业现场检查表.*第 1 版/ })).toContainText('第 1 版（内置）');
  const industrial = region.getByRole('row', { name: /工业企业现场检查表.*第 2 版/ });
  await expect(industrial).toContainText('第 2 版（内置）');

  // Export the built-in as JSON.
  const download = page.waitForEvent('download');
  await industrial.getByRole('button', { name: '导出' }).click();
  const file = await (await download).path();
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ code: 'industrial', version: 2 });

  // New version in the form: a label changed, an item added with a failing rule; a problem blocks saving.
  await industrial.getByRole('button', { name: '新建版本' }).click();
  const editor = page.getByLabel('编辑检查表');
  await editor.locator('[data-edit-item="permit.held"]').getByLabel('题目').fill('是否依法取得排污许可证（本局修订）');
  await editor.getByRole('button', { name: '＋ 添加检查项' }).last().click();
  const added = editor.locator('[data-edit-item="other.2"]');
  await added.getByLabel('题目').fill('雨污分流是否到位');
  await added.getByLabel('不符合条件').selectOption('no');
  await expect(added.getByLabel('问题描述')).toHaveValue('雨污分流是否到位不符合要求');
  await added.getByLabel('题目').fill('');
  await expect(editor.getByRole('alert')).toContainText('第14节第2题（other.2）');
  await expect(editor.getByRole('button', { name: '保存为新版本' })).toBeDisabled();
  await added.getByLabel('题目').fill('雨污分流是否到位');
  await page.screenshot({ path: 'test-results/checklist-editor.png' });
  await editor.getByRole('button', { name: '保存为新版本' }).click();
  await expect(region.getByRole('status')).toContainText('已保存为“工业企业现场检查表”第 3 版');
  await expect(region.getByRole('row', { name: /工业企业现场检查表.*第 3 版/ })).toBeVisible();

  // A template file with an unknown item type is refused, naming the place.
  const bad = { code: 'bad-one', version: 1, name: '坏模板', targetKinds: ['site'], sections: [{ id: 's', title: '一', items: [{ id: 'a', type: 'yesno', label: '甲' }, { id: 'b', type: 'slider', label: '乙' }] }] };
  await region.getByLabel('导入检查表').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(region.getByRole('alert')).toContainText('bad.json');
  await expect(region.getByRole('alert')).toContainText('第1节第2题（b） 的 type：未知的题型');
  await expect(region.getByRole('row', { name: /坏模板/ })).toHaveCount(0);

  // Retire version 2: new inspections offer version 3 only (the latest in force).
  await industrial.getByRole('button', { name: '停用' }).click();
  await expect(industrial).toContainText('已停用');
  await page.goto(`${host.url.split('?')[0]}#/inspections/new`);
  await expect(page.getByRole('radio', { name: /工业企业现场检查表/ })).toHaveCount(1);
  await expect(page.getByRole('radiogroup', { name: '检查表' })).toContainText('第 3 版');
});
