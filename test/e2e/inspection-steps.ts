import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

export const PHOTOS = join(process.cwd(), 'test', 'fixtures', 'photos');

export const item = (page: Page, id: string) => page.locator(`[data-item="${id}"]`);

export async function yes(page: Page, id: string, answer: '是' | '否' | '不适用') {
  await item(page, id).getByRole('radio', { name: answer, exact: true }).click();
  await expect(item(page, id).getByRole('radio', { name: answer, exact: true })).toHaveAttribute('aria-checked', 'true');
}

/** Draws a signature-like stroke with the mouse, then confirms it. */
export async function sign(box: Locator, page: Page) {
  const canvas = box.locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const b = (await canvas.boundingBox())!;
  await page.mouse.move(b.x + 20, b.y + b.height * 0.7);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(b.x + 20 + i * 18, b.y + b.height * (0.3 + 0.4 * ((i % 3) / 2)), { steps: 3 });
  await page.mouse.up();
  await box.getByRole('button', { name: '确认签名' }).click();
  await expect(box.getByRole('img')).toBeVisible();
}

/** From an enterprise's page (already open), starts the industrial checklist with the first two officers. */
export async function startIndustrialHere(page: Page) {
  await page.getByRole('region', { name: '现场检查' }).getByRole('button', { name: '开始检查' }).click();
  await chooseIndustrial(page);
}

/** On the start page: the industrial checklist and the first two officers, then 开始检查. */
export async function chooseIndustrial(page: Page) {
  await expect(page.getByRole('heading', { name: '开始现场检查' })).toBeVisible();
  await page.getByRole('radio', { name: /工业企业现场检查表/ }).check();
  await page.getByLabel('执法人员1').selectOption({ index: 1 });
  await page.getByLabel('执法人员2').selectOption({ index: 2 });
  await page.getByRole('button', { name: '开始检查' }).click();
  await expect(page.getByRole('heading', { name: '工业企业现场检查表' })).toBeVisible();
}

/**
 * Answers, signs and finalizes a started industrial inspection; the outlet sign is missing (a finding
 * with `responsible` as its named person) unless `signOk`. Returns the record's id.
 */
export async function completeIndustrial(page: Page, o: { signOk: boolean; responsible?: string; refuseWithRecording?: string }) {
  const header = page.getByRole('region', { name: '笔录表头' });
  await header.getByLabel('记录人').selectOption({ index: 2 });
  await header.getByLabel('姓名').fill('王建国');
  await header.getByLabel('身份证号').fill('360799198001010015');
  await header.getByLabel('是否申请回避').selectOption('不申请回避');
  await header.getByLabel('检查来源').selectOption('日常');
  const start = await header.getByLabel('检查开始时间').inputValue();
  const end = new Date(new Date(`${start}:00`).getTime() + 75 * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  await header.getByLabel('检查结束时间').fill(`${end.getFullYear()}-${pad(end.getMonth() + 1)}-${pad(end.getDate())}T${pad(end.getHours())}:${pad(end.getMinutes())}`);
  for (const [id, a] of [['permit.held', '是'], ['permit.valid', '是'], ['monitoring.self', '是'], ['monitoring.auto', '否'], ['facilities.running', '是'],
    ['emissions.sampled', '否'], ['emissions.bypass', '否'], ['ledgers.kept', '是'], ['outlets.standard', '是'], ['eia.approved', '是'], ['eia.accepted', '是'], ['solidwaste.produces', '否'], ['hazwaste.produces', '否'],
    ['disclosure.required', '否'], ['emergency.plan', '是'], ['leaks.any', '否']] as const) {
    await yes(page, id, a);
  }
  await item(page, 'outlets.sign').getByRole('combobox').selectOption(o.signOk ? '规范设置' : '未设置');
  await item(page, 'facilities.photo').locator('input[type=file]').setInputFiles(join(PHOTOS, 'facility.jpg'));
  await item(page, 'outlets.photo').locator('input[type=file]').setInputFiles(join(PHOTOS, 'sign-board.png'));
  await expect(item(page, 'outlets.photo').getByRole('img')).toHaveCount(1);
  if (!o.signOk) {
    const findings = page.getByRole('region', { name: '发现的问题' });
    await findings.getByLabel('责任人').fill(o.responsible ?? '王建国');
    await findings.getByLabel('责任人').blur();
  }
  return signAndFinalize(page, o.refuseWithRecording);
}

/**
 * Fills and finalizes a 复查 (问题整改现场复查表, issue 19) already started: every open problem of the
 * target as `result` (the one matching `note`'s problem first), a photo, the signatures. Returns its id.
 */
export async function completeRecheck(page: Page, result: '已整改' | '部分整改' | '未整改' = '已整改') {
  const header = page.getByRole('region', { name: '笔录表头' });
  await header.getByLabel('记录人').selectOption({ index: 2 });
  await header.getByLabel('姓名').fill('王建国');
  await header.getByLabel('身份证号').fill('360799198001010015');
  await header.getByLabel('是否申请回避').selectOption('不申请回避');
  await expect(header.getByLabel('检查来源')).toHaveValue('日常');
  const start = await header.getByLabel('检查开始时间').inputValue();
  const end = new Date(new Date(`${start}:00`).getTime() + 40 * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  await header.getByLabel('检查结束时间').fill(`${end.getFullYear()}-${pad(end.getMonth() + 1)}-${pad(end.getDate())}T${pad(end.getHours())}:${pad(end.getMinutes())}`);
  const rows = page.getByTestId('recheck-row');
  const n = await rows.count();
  for (let i = 1; i <= n; i++) {
    await page.getByRole('radiogroup', { name: `复查结论${i}` }).getByRole('radio', { name: result }).click();
    await page.getByLabel(`现场情况${i}`).fill(result === '已整改' ? '现场已整改到位' : '整改未完成');
    await page.getByLabel(`现场情况${i}`).blur();
  }
  await item(page, 'recheck.photo').locator('input[type=file]').setInputFiles(join(PHOTOS, 'sign-board.png'));
  await expect(item(page, 'recheck.photo').getByRole('img')).toHaveCount(1);
  return signAndFinalize(page);
}

/**
 * Signs and finalizes; with `refusalRecording` (a file), the person present refuses to sign and the
 * recording of the refusal is added in place of a witness (issue 19).
 */
async function signAndFinalize(page: Page, refusalRecording?: string): Promise<string> {
  const signatures = page.getByRole('region', { name: '签名' });
  if (refusalRecording) {
    const box = signatures.locator('[data-role="inspected"]');
    await box.getByRole('button', { name: '当事人拒绝签名' }).click();
    await box.getByLabel('拒签情况').fill('当事人称需请示负责人，拒绝在笔录上签名');
    await box.getByRole('button', { name: '记录拒签' }).click();
    await expect(signatures).toContainText('当事人拒绝签名的，须由见证人签名，或附上拒绝签名过程的录音录像');
    const recordings = page.getByRole('region', { name: '录音录像' });
    await expect(recordings.locator('.banner.warning')).toContainText('当事人拒绝签名');
    await expect(recordings.getByLabel('用途')).toHaveValue('refusal');
    await recordings.getByLabel('说明').fill('执法记录仪记录当事人拒签过程');
    await recordings.getByLabel('添加录音录像').setInputFiles(refusalRecording);
    await expect(recordings.locator('.recording-list li')).toHaveCount(1);
    await expect(recordings.locator('.recording-list audio')).toHaveCount(1);
  } else {
    await sign(signatures.locator('[data-role="inspected"]'), page);
  }
  await sign(signatures.locator('[data-role="recorder"]'), page);
  for (const box of await signatures.locator('[data-role^="officer:"]').all()) await sign(box, page);
  await expect(page.locator('.finalize-card')).toContainText('全部填写完毕，可以定稿');
  page.once('dialog', (d) => void d.accept());
  await page.locator('.finalize-card').getByRole('button', { name: '定稿' }).click();
  await expect(page.getByText('已定稿', { exact: true })).toBeVisible();
  return page.url().split('/inspections/')[1];
}
