import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { completeIndustrial, item, sign, startIndustrialHere, yes } from './inspection-steps';
import { expect, openAs, startHost, test, type Host, DEMO_ENV } from './fixtures';
import { pdfNormal, pdfPages } from './pdf-text';

const BIN = join(process.cwd(), 'bin', 'qingshui.cjs');
const PHOTOS = join(process.cwd(), 'test', 'fixtures', 'photos');

async function startFromFirstEnterprise(page: Page): Promise<string> {
  await page.getByRole('link', { name: '企业' }).click();
  await page.getByRole('row').nth(1).click();
  const name = (await page.getByRole('heading', { level: 1 }).textContent())!;
  await startIndustrialHere(page);
  return name;
}

test('an inspector runs a whole industrial inspection, signs it, finalizes and prints it, and sees the finding', async ({ page, host }) => {
  await openAs(page, host);
  const enterprise = await startFromFirstEnterprise(page);
  const header = page.getByRole('region', { name: '笔录表头' });
  // The same person twice is refused (the option is disabled), and the second officer is required.
  await expect(header.getByLabel('执法人员1').locator('option:checked')).toContainText('执法证号');
  await header.getByLabel('记录人').selectOption({ index: 2 });
  await header.getByLabel('检查结束时间').fill('2030-01-01T00:00');
  await header.getByLabel('姓名').fill('王建国');
  await header.getByLabel('身份证号').fill('360799198001010015');
  await header.getByLabel('职务').fill('环保主管');
  await header.getByLabel('电话').fill('13907971234');
  await header.getByLabel('电话').blur();
  // The party's answer to the recusal question is a legal element of the record (issue 19).
  await header.getByLabel('是否申请回避').selectOption('不申请回避');
  await header.getByLabel('检查来源').selectOption('双随机');

  await yes(page, 'permit.held', '是');
  await yes(page, 'permit.valid', '是');
  await yes(page, 'monitoring.self', '是');
  await yes(page, 'monitoring.auto', '否');
  await yes(page, 'facilities.running', '是');
  await yes(page, 'emissions.sampled', '是');
  // A reading that is not a number is refused at the item.
  await item(page, 'emissions.cod').getByRole('textbox').fill('abc');
  await item(page, 'emissions.cod').getByRole('textbox').blur();
  await expect(item(page, 'emissions.cod').getByRole('alert')).toContainText('读数应为数字');
  await item(page, 'emissions.cod').getByRole('textbox').fill('42.5');
  await item(page, 'emissions.cod').getByRole('textbox').blur();
  await expect(item(page, 'emissions.cod').getByRole('alert')).toHaveCount(0);
  await yes(page, 'emissions.bypass', '否');
  await yes(page, 'ledgers.kept', '是');
  await yes(page, 'outlets.standard', '是');
  await item(page, 'outlets.sign').getByRole('combobox').selectOption('未设置');
  await expect(item(page, 'outlets.sign')).toContainText('不符合 → 问题');
  await yes(page, 'eia.approved', '是');
  await yes(page, 'eia.accepted', '是');
  await yes(page, 'solidwaste.produces', '否');
  await yes(page, 'hazwaste.produces', '否');
  await yes(page, 'disclosure.required', '否');
  await yes(page, 'emergency.plan', '是');
  await yes(page, 'leaks.any', '否');

  // Photos from files: a text file named .jpg is refused; real photos show with their EXIF time.
  await item(page, 'facilities.photo').locator('input[type=file]').setInputFiles(join(PHOTOS, 'not-an-image.jpg'));
  await expect(item(page, 'facilities.photo').getByRole('alert').filter({ hasText: 'not-an-image.jpg' })).toContainText('不是图片文件');
  await item(page, 'facilities.photo').locator('input[type=file]').setInputFiles(join(PHOTOS, 'facility.jpg'));
  await item(page, 'outlets.photo').locator('input[type=file]').setInputFiles([join(PHOTOS, 'outlet-gps.jpg'), join(PHOTOS, 'sign-board.png')]);
  await expect(item(page, 'outlets.photo').getByRole('img')).toHaveCount(2);
  await expect(item(page, 'outlets.photo')).toContainText('2026-11-20 10:12');

  // A photo taken with the camera (Chromium's synthetic one here) goes to the other-photos section.
  const others = page.getByRole('region', { name: '其他现场照片' });
  await others.getByRole('button', { name: '拍照' }).click();
  await page.getByRole('dialog', { name: '拍照' }).getByRole('button', { name: '拍摄' }).click();
  await expect(page.getByRole('dialog', { name: '拍照' })).toBeHidden();
  await expect(others.getByRole('img')).toHaveCount(1);
  await expect(others.locator('figcaption')).not.toContainText('无拍摄时间');

  // The failing item proposes a finding with the enterprise as responsible unit.
  const findings = page.getByRole('region', { name: '发现的问题' });
  await expect(findings.getByLabel('问题描述')).toHaveValue('排放口未按 GB 15562.1 设置环境保护图形标志牌');
  await expect(findings.getByLabel('责任单位')).toHaveValue(enterprise);
  await findings.getByLabel('责任人').fill('王建国');
  await findings.getByLabel('责任人').blur();

  // Finalizing too early names what is missing (the end time, the signatures).
  await page.locator('.finalize-card').getByRole('button', { name: '定稿' }).click();
  await expect(page.getByRole('alert').first()).toContainText('不能定稿');
  await header.getByLabel('检查结束时间').fill('2000-01-01T00:00');
  await expect(header).toContainText('结束时间应晚于开始时间');
  const start = await header.getByLabel('检查开始时间').inputValue();
  const end = new Date(new Date(`${start}:00`).getTime() + 75 * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  await header.getByLabel('检查结束时间').fill(`${end.getFullYear()}-${pad(end.getMonth() + 1)}-${pad(end.getDate())}T${pad(end.getHours())}:${pad(end.getMinutes())}`);

  const signatures = page.getByRole('region', { name: '签名' });
  for (const role of ['inspected', 'recorder']) await sign(signatures.locator(`[data-role="${role}"]`), page);
  for (const box of await signatures.locator('[data-role^="officer:"]').all()) await sign(box, page);
  await expect(page.locator('.finalize-card')).toContainText('全部填写完毕，可以定稿');
  await page.screenshot({ path: 'test-results/inspection-runner.png', fullPage: true });

  page.once('dialog', (d) => void d.accept());
  await page.locator('.finalize-card').getByRole('button', { name: '定稿' }).click();
  await expect(page.getByRole('status')).toContainText('已定稿');
  await expect(page.getByText('已定稿', { exact: true })).toBeVisible();
  await expect(page.locator('.record')).toContainText('现场检查（勘察）笔录');
  await expect(page.getByTestId('recusal-answer')).toContainText('被检查人答复：不申请回避');
  await expect(page.locator('.record-findings')).toContainText('责任人：王建国');
  // Signed at 定稿 by the device, naming the account signed in (issue 18).
  await expect(page.getByLabel('电子签名与回执')).toContainText('电子签名有效：账号“zhifa1”');
  await page.screenshot({ path: 'test-results/inspection-record.png', fullPage: true });
  const id = page.url().split('/inspections/')[1];

  // The evidence package downloads, and checks on its own with the CLI.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出证据包' }).click();
  const pkg = join(host.dataDir, 'evidence.zip');
  await (await download).saveAs(pkg);
  await expect(page.getByRole('status')).toContainText('已导出证据包');
  const checked = spawnSync(process.execPath, [BIN, 'evidence', 'verify', pkg, '--json'], { encoding: 'utf8' });
  expect(JSON.parse(checked.stdout)).toMatchObject({ ok: true, inspectionId: id, signature: { account: 'zhifa1', holds: true } });

  // The printed record: the same page, ready once its images loaded; the CLI makes the PDF.
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: '打印 / 导出 PDF' }).click();
  const print = await popup;
  await expect(print.locator('body[data-print-ready="1"]')).toHaveCount(1);
  await expect(print.locator('.record-annex img')).toHaveCount(4);
  const out = join(host.dataDir, 'record.pdf');
  const r = spawnSync(process.execPath, [BIN, 'print-record', id, '--data', host.dataDir, '--out', out], { encoding: 'utf8', env: DEMO_ENV });
  expect(r.stderr).toBe('');
  expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  // Read back page by page (issue 19): the title and the recusal answer are in the record, and every page
  // carries its number and the lines for the party's and the officers' signatures.
  const pages = await pdfPages(out);
  expect(pages.length).toBeGreaterThan(1);
  expect(pages[0]).toContain(pdfNormal('现场检查（勘察）笔录'));
  expect(pages.join('')).toContain(pdfNormal('被检查人答复：不申请回避'));
  pages.forEach((text, i) => {
    expect(text).toContain(pdfNormal(`第 ${i + 1} 页 共 ${pages.length} 页`));
    expect(text).toContain(pdfNormal('被检查人（签字）'));
    expect(text).toContain(pdfNormal('执法人员（签字）'));
  });

  // The enterprise page lists the inspection and the finding it raised.
  await page.goto(`${host.url.split('?')[0]}#/enterprises`);
  await page.getByRole('row').nth(1).click();
  await expect(page.getByRole('region', { name: '问题' })).toContainText('排放口未按 GB 15562.1 设置环境保护图形标志牌');
  await expect(page.getByRole('region', { name: '现场检查' })).toContainText('已定稿');
  const verify = spawnSync(process.execPath, [BIN, 'verify', '--data', host.dataDir, '--json'], { encoding: 'utf8', env: DEMO_ENV });
  expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, problems: [] });
});

test('killing the program mid-inspection loses no answer: reopened, everything is there', async ({ page, host }) => {
  await openAs(page, host);
  await startFromFirstEnterprise(page);
  const id = page.url().split('/inspections/')[1];
  await yes(page, 'permit.held', '否');
  await yes(page, 'monitoring.self', '是');
  await item(page, 'other.remarks').getByRole('textbox').fill('现场有异味，需复查');
  await item(page, 'other.remarks').getByRole('textbox').blur();
  await item(page, 'facilities.photo').locator('input[type=file]').setInputFiles(join(PHOTOS, 'facility.jpg'));
  await expect(item(page, 'facilities.photo').getByRole('img')).toHaveCount(1);
  await expect(page.locator('.save-state')).toHaveText('已自动保存');

  // The host the fixture started is killed outright (no shutdown), then a new one opens the folder.
  const pid = Number(JSON.parse(readFileSync(join(host.dataDir, '.qingshui.lock'), 'utf8')).pid);
  process.kill(pid, 'SIGKILL');
  await expect.poll(() => { try { process.kill(pid, 0); return true; } catch { return false; } }).toBe(false);
  const again: Host & { child: ChildProcess } = { ...(await startHost(host.dataDir)), dataDir: host.dataDir };
  try {
    await openAs(page, again);
    await page.goto(`${again.url.split('?')[0]}#/inspections/${id}`);
    await expect(item(page, 'permit.held').getByRole('radio', { name: '否', exact: true })).toHaveAttribute('aria-checked', 'true');
    await expect(item(page, 'monitoring.self').getByRole('radio', { name: '是', exact: true })).toHaveAttribute('aria-checked', 'true');
    await expect(item(page, 'other.remarks').getByRole('textbox')).toHaveValue('现场有异味，需复查');
    await expect(item(page, 'facilities.photo').getByRole('img')).toHaveCount(1);
    await expect(page.getByRole('region', { name: '发现的问题' }).getByLabel('问题描述')).toHaveValue(/未依法取得排污许可证/);
  } finally {
    again.child.kill('SIGTERM');
  }
  expect(existsSync(host.dataDir)).toBe(true);
});

test('the party refuses to sign: the 执法记录仪 recording of the refusal stands for the witness, plays on the record and is listed in the printed 笔录', async ({ page, host }) => {
  await openAs(page, host);
  await startFromFirstEnterprise(page);
  const wav = join(process.cwd(), 'test', 'fixtures', 'recordings', 'refusal.wav');
  const id = await completeIndustrial(page, { signOk: true, refuseWithRecording: wav });
  // The finalized record: the refusal names its recording; the recording plays in place.
  await expect(page.locator('.record-signature').first()).toContainText('拒签过程已录音录像：refusal.wav');
  await expect(page.locator('.record-recordings')).toContainText('拒绝签名过程的录音录像：执法记录仪记录当事人拒签过程');
  const player = page.getByRole('region', { name: '录音录像' }).locator('audio');
  await expect(player).toHaveCount(1);
  // The host serves it by byte ranges (a player seeks): a range is answered 206 with those bytes.
  const src = await player.getAttribute('src');
  const ranged = await page.evaluate(async (u) => { const r = await fetch(u!, { headers: { range: 'bytes=0-3' } }); return { status: r.status, text: await r.text() }; }, src);
  expect(ranged).toEqual({ status: 206, text: 'RIFF' });
  await page.screenshot({ path: 'test-results/inspection-refusal-recording.png', fullPage: true });

  const out = join(host.dataDir, 'refused.pdf');
  const r = spawnSync(process.execPath, [BIN, 'print-record', id, '--data', host.dataDir, '--out', out], { encoding: 'utf8', env: DEMO_ENV });
  expect(r.stderr).toBe('');
  const text = (await pdfPages(out)).join('');
  expect(text).toContain(pdfNormal('拒绝签名（当事人称需请示负责人，拒绝在笔录上签名）'));
  expect(text).toContain(pdfNormal('附件：录音录像（共 1 个）'));
  expect(text).toContain(pdfNormal('refusal.wav'));
  const verify = spawnSync(process.execPath, [BIN, 'verify', '--data', host.dataDir, '--json'], { encoding: 'utf8', env: DEMO_ENV });
  expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, problems: [] });
});

test('text typed into the 笔录 header is saved as it is typed: a reload right after typing loses nothing (issue 20)', async ({ page, host }) => {
  await openAs(page, host);
  await startFromFirstEnterprise(page);
  const header = page.getByRole('region', { name: '笔录表头' });
  // Officer 1 is the inspector signed in (issue 20).
  await expect(header.getByLabel('执法人员1').locator('option:checked')).toContainText('执法证号');
  await header.getByLabel('现场检查情况').fill('车间内正在生产，污水处理设施运行，排放口有少量泡沫');
  // No blur: the pause saves it.
  await expect(page.locator('.save-state')).toHaveText('已自动保存');
  await page.waitForTimeout(1200);
  await page.reload();
  await expect(page.getByRole('region', { name: '笔录表头' }).getByLabel('现场检查情况')).toHaveValue('车间内正在生产，污水处理设施运行，排放口有少量泡沫');
});
