import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, openAs, signIn, signOut, startHost, test, DEMO_ENV } from './fixtures';
import { chooseIndustrial, completeIndustrial, completeRecheck, startIndustrialHere } from './inspection-steps';

const BIN = join(process.cwd(), 'bin', 'qingshui.cjs');
const day = (offset: number) => { const d = new Date(); d.setDate(d.getDate() + offset); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; };

test.describe('a finding from an inspection to close-out and back', () => {
  // Deadlines are counted on a simulated today, 40 days on, so the whole close-out fits in one run.
  test.use({ today: day(40) });

  test('rectification, re-check, acceptance, notice, close-out, then 反弹 on a failed re-check', async ({ page, host }) => {
    test.setTimeout(180_000);
    await openAs(page, host);
    await page.getByRole('link', { name: '企业' }).click();
    await page.getByRole('row').nth(1).click();
    await startIndustrialHere(page);
    const sourceId = await completeIndustrial(page, { signOk: false, responsible: '王建国' });

    // The finding it raised, from the enterprise page to its own page.
    await page.getByRole('link', { name: '问题整改' }).click();
    await page.getByRole('searchbox').fill('标志牌');
    await page.getByRole('row').nth(1).click();
    await expect(page.getByTestId('finding-state')).toHaveText('待整改');
    const findingUrl = page.url();
    await expect(page.getByRole('link', { name: '自查发现（现场检查）' })).toHaveAttribute('href', `#/inspections/${sourceId}`);
    const act = async (button: string, fill: (form: import('@playwright/test').Locator) => Promise<void>, state: string) => {
      await page.getByRole('region', { name: '可办理的操作' }).getByRole('button', { name: button, exact: true }).click();
      const form = page.getByRole('form', { name: button });
      await fill(form);
      await form.getByRole('button', { name: `确认${button}` }).click();
      await expect(form).toBeHidden();
      await expect(page.getByTestId('finding-state')).toHaveText(state);
    };
    // Not allowed yet: acceptance is not offered before a re-check.
    await expect(page.getByRole('region', { name: '可办理的操作' }).getByRole('button', { name: '验收通过' })).toHaveCount(0);
    await act('整改进展', async (f) => { await f.getByLabel('日期').fill(day(1)); await f.getByLabel('整改进展').fill('已订制标志牌'); }, '整改中');
    await act('申请验收', async (f) => { await f.getByLabel('日期').fill(day(2)); await f.getByLabel('整改完成情况').fill('标志牌已安装'); }, '待复查');

    // The re-check is its own short form (issue 19): the enterprise's open problems, each 已整改 / 部分整改 / 未整改;
    // finalized, it moves the problem on by itself.
    await page.getByRole('link', { name: '去现场复查（填写问题整改复查表）' }).click();
    await expect(page.getByRole('heading', { name: '开始现场检查' })).toBeVisible();
    await expect(page.getByRole('radio', { name: /问题整改现场复查表/ })).toBeChecked();
    await page.getByLabel('执法人员1').selectOption({ index: 1 });
    await page.getByLabel('执法人员2').selectOption({ index: 2 });
    await page.getByRole('button', { name: '开始检查' }).click();
    await expect(page.getByRole('heading', { name: '问题整改现场复查表' })).toBeVisible();
    await expect(page.getByTestId('recheck-row').filter({ hasText: '标志牌' })).toContainText('待复查');
    const recheckId = await completeRecheck(page, '已整改');
    await expect(page.getByText('已整改（现场已整改到位）').first()).toBeVisible();
    await page.goto(findingUrl);
    await expect(page.getByTestId('finding-state')).toHaveText('复查合格待验收');
    // Who found, rectified and rechecked it may not accept it (separation of duties): not offered, and said why.
    await expect(page.getByRole('region', { name: '可办理的操作' }).getByRole('button', { name: '验收通过' })).toHaveCount(0);
    await expect(page.getByText(/验收通过：职责分离：您参与了该问题的/)).toBeVisible();
    await signOut(page);
    await signIn(page, 'juzhang');
    await page.goto(findingUrl);
    await act('验收通过', async (f) => { await f.getByLabel('日期').fill(day(4)); }, '已验收待公示');
    await act('开始公示', async (f) => { await f.getByLabel('日期').fill(day(5)); await f.getByLabel('公示天数').fill('14'); }, '公示中');
    // Ending the notice early is refused by the core with its reason, and nothing is written.
    await page.getByRole('region', { name: '可办理的操作' }).getByRole('button', { name: '公示期满', exact: true }).click();
    await page.getByRole('form', { name: '公示期满' }).getByLabel('日期').fill(day(10));
    await page.getByRole('form', { name: '公示期满' }).getByRole('button', { name: '确认公示期满' }).click();
    await expect(page.getByRole('form', { name: '公示期满' }).getByRole('alert')).toContainText(`公示期至 ${day(19)} 止，尚未期满`);
    await page.getByRole('form', { name: '公示期满' }).getByRole('button', { name: '取消' }).click();
    await act('公示期满', async (f) => { await f.getByLabel('日期').fill(day(19)); }, '公示中');
    // 销号 is signed off by a reviewer who did not accept it (issue 19): the administrator here.
    await signOut(page);
    await signIn(page, 'admin');
    await page.goto(findingUrl);
    await act('销号', async (f) => { await f.getByLabel('日期').fill(day(20)); await f.getByLabel(/销号审核意见/).fill('整改到位，同意销号'); }, '已销号');
    await expect(page.locator('.details')).toContainText('销号后复查');

    // 反弹: the re-check after close-out fails; the finding is open again and counted.
    await act('现场复查', async (f) => {
      await f.getByLabel('日期').fill(day(30));
      await f.getByLabel('复查检查记录').selectOption(recheckId);
      await f.getByLabel('复查结论').selectOption('no');
      await f.getByLabel('反弹后的整改时限（不合格时）').fill(day(60));
      await f.getByLabel('复查意见').fill('标志牌被拆除');
    }, '反弹重新整改');
    await expect(page.getByText('反弹 1 次')).toBeVisible();
    await expect(page.getByRole('list', { name: '办理过程' }).getByRole('listitem')).toHaveCount(9);
    await page.screenshot({ path: 'test-results/finding-timeline.png', fullPage: true });

    const cli = spawnSync(process.execPath, [BIN, 'findings', '--data', host.dataDir, '--json', '--state', 'reopened'], { encoding: 'utf8', env: { ...DEMO_ENV, QINGSHUI_TODAY: day(40) } });
    expect(JSON.parse(cli.stdout).rows.map((r: { description: string }) => r.description)).toContain('排放口未按 GB 15562.1 设置环境保护图形标志牌');
  });
});

test('a complaint is taken in, and goes overdue when the clock passes its deadline', async ({ page, host }) => {
  await openAs(page, host, 'juzhang');
  await page.getByRole('link', { name: '信访投诉' }).click();
  await page.getByRole('button', { name: '登记信访' }).click();
  // No channel, no content: the core names both and nothing is written.
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('alert').first()).toContainText('请选择来源渠道');
  await expect(page.getByRole('alert').first()).toContainText('请填写投诉内容');
  const form = page.locator('form');
  await form.getByLabel('来源渠道').selectOption('12369电话');
  await form.getByLabel('信访人').fill('张三');
  await form.getByLabel('反映内容').fill('夜间有工厂偷排废水，河水发黑发臭');
  await form.getByRole('group', { name: /污染类别/ }).getByLabel('水').check();
  await form.getByRole('group', { name: /污染类别/ }).getByLabel('大气').check();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('complaint-state')).toHaveText('待受理');
  await expect(page.getByTestId('complaint-deadline')).toContainText(`受理期限 ${day(15)}`);
  const id = page.url().split('/complaints/')[1];

  // Sixteen days on (a simulated clock), the complaint is overdue for acceptance, on its page and the dashboard.
  const pid = Number(JSON.parse((await import('node:fs')).readFileSync(join(host.dataDir, '.qingshui.lock'), 'utf8')).pid);
  process.kill(pid, 'SIGTERM');
  await expect.poll(() => { try { process.kill(pid, 0); return true; } catch { return false; } }).toBe(false);
  const later = await startHost(host.dataDir, day(16));
  try {
    await openAs(page, { url: later.url, dataDir: host.dataDir }, 'juzhang');
    await page.goto(`${later.url.split('?')[0]}#/complaints/${id}`);
    await expect(page.getByRole('alert')).toContainText(`逾期未受理：应于 ${day(15)} 前受理`);
    await page.getByRole('link', { name: '工作台' }).click();
    const overdue = page.getByRole('button', { name: /信访逾期/ });
    await expect(overdue).toBeVisible();
    await overdue.click();
    await expect(page.getByRole('checkbox', { name: '只看逾期' })).toBeChecked();
    await expect(page.getByRole('row').filter({ hasText: '夜间有工厂偷排废水' })).toContainText('逾期未受理');
    // An extension beyond the limit is refused, once accepted.
    await page.getByRole('row').filter({ hasText: '夜间有工厂偷排废水' }).click();
    await page.getByRole('region', { name: '可办理的操作' }).getByRole('button', { name: '受理', exact: true }).click();
    await page.getByRole('form', { name: '受理' }).getByRole('button', { name: '确认受理' }).click();
    await expect(page.getByTestId('complaint-state')).toHaveText('办理中');
    await page.getByRole('region', { name: '可办理的操作' }).getByRole('button', { name: '延期办理' }).click();
    const ext = page.getByRole('form', { name: '延期办理' });
    await ext.getByLabel(/延长天数/).fill('45');
    await ext.getByLabel('延期理由及批准人').fill('需第三方监测');
    await ext.getByRole('button', { name: '确认延期办理' }).click();
    await expect(ext.getByRole('alert')).toContainText('延长期限应为 1～30 天');
  } finally {
    later.child.kill('SIGTERM');
  }
});

test('a random plan is drawn with a seed, verified, and released to an inspector', async ({ page, host }) => {
  await openAs(page, host, 'juzhang');
  await page.getByRole('link', { name: '双随机' }).click();
  await page.getByRole('button', { name: '新建抽查计划' }).click();
  // A ratio beyond the directory is refused.
  await page.getByLabel('重点监管对象方式').selectOption('count');
  await page.getByLabel('重点监管对象数值').fill('9999');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('alert').first()).toContainText('超出名录中的');
  await page.getByLabel('重点监管对象数值').fill('4');
  await page.getByLabel('一般监管对象数值').fill('1');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('plan-state')).toHaveText('待抽取');
  await page.getByLabel('随机种子').fill('2026-e2e');
  // The draw is final: it is asked once more, with the seed it will use (issue 20).
  page.once('dialog', (d) => { expect(d.message()).toContain('种子“2026-e2e”'); void d.accept(); });
  await page.getByRole('button', { name: '抽取' }).click();
  await expect(page.getByTestId('plan-state')).toHaveText('已抽取（保密）');
  await expect(page.getByTestId('plan-seed')).toHaveText('2026-e2e');
  const rows = page.getByRole('table', { name: '抽查任务' }).getByRole('row');
  await expect(rows).toHaveCount(1 + 4 + 4);
  const planId = page.url().split('/plans/')[1];
  const firstTask = await rows.nth(1).locator('td').nth(4).textContent();
  const inspector = firstTask!.split('、')[0];
  const target = (await rows.nth(1).locator('td').nth(2).textContent())!;

  // Anyone can recompute the draw from the seed: on screen and with the CLI.
  await page.getByRole('button', { name: '复核抽取结果' }).click();
  await expect(page.getByRole('status')).toContainText('复核一致');
  const verify = spawnSync(process.execPath, [BIN, 'plan', 'verify', planId, '--data', host.dataDir, '--json'], { encoding: 'utf8', env: DEMO_ENV });
  expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, seed: '2026-e2e', tasks: 8 });

  // The drawn inspector gets an account from the administrator (设置 → 账号与权限).
  await signOut(page);
  await signIn(page, 'admin');
  await page.goto(`${host.url.split('?')[0]}#/settings`);
  const accounts = page.getByRole('region', { name: '账号与权限' });
  await accounts.getByRole('button', { name: '添加账号' }).click();
  const form = accounts.getByRole('form', { name: '添加账号' });
  await form.locator('input[name=accountUser]').fill('renwu1');
  const option = form.locator('select[name=accountPerson] option', { hasText: `${inspector}（执法人员` });
  await form.locator('select[name=accountPerson]').selectOption(await option.getAttribute('value') as string);
  await form.locator('select[name=accountRole]').selectOption('inspector');
  await form.locator('input[name=accountPassword]').fill('Renwu2026x');
  await form.getByRole('button', { name: '添加' }).click();
  await expect(accounts.getByRole('row', { name: /renwu1/ })).toContainText('执法人员');
  await page.screenshot({ path: 'test-results/accounts.png', fullPage: true });
  // Before release the draw is hidden from the inspector; after release it is in their task list.
  await signOut(page);
  await signIn(page, 'renwu1', 'Renwu2026x');
  await page.goto(`${host.url.split('?')[0]}#/plans/${planId}`);
  await page.reload();
  await expect(page.getByText('该计划已抽取，发布前对执法人员保密。')).toBeVisible();
  await expect(page.getByRole('table', { name: '抽查任务' })).toHaveCount(0);
  await signOut(page);
  await signIn(page, 'juzhang');
  await page.goto(`${host.url.split('?')[0]}#/plans/${planId}`);
  await page.reload();
  await page.getByRole('button', { name: '发布任务' }).click();
  await expect(page.getByTestId('plan-state')).toHaveText('已发布');
  await signOut(page);
  await signIn(page, 'renwu1', 'Renwu2026x');
  await page.getByRole('link', { name: '工作台' }).click();
  await expect(page.getByRole('region', { name: '我的待办' })).toContainText('双随机抽查任务');
  await expect(page.getByRole('region', { name: '我的待办' })).toContainText(target);
  await page.screenshot({ path: 'test-results/dashboard.png', fullPage: true });
});
