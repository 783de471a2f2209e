import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, openAs, test } from './fixtures';

// The walkthrough fixes of issue 20 in 设置 and 同步: backups on screen, a non-hub address said in plain Chinese.

test('设置 → 备份与恢复: 立即备份 lists the backup, the days kept are shown and kept, restore is offered', async ({ page, host }) => {
  await openAs(page, host, 'admin');
  await page.getByRole('link', { name: '设置' }).click();
  const section = page.getByRole('region', { name: '备份与恢复' });
  await expect(section).toBeVisible();
  const keep = section.getByRole('spinbutton', { name: '自动备份保留天数' });
  await expect(keep).toHaveValue('7');
  await expect(section).toContainText('每天自动备份一次');

  await section.getByRole('button', { name: '立即备份' }).click();
  const done = section.getByRole('status');
  await expect(done).toContainText('已备份：');
  const name = /已备份：(\S+?)（/.exec((await done.textContent())!)![1];
  const row = section.getByRole('row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  // Restore is offered for it, and from a file; asked before anything is replaced (answered no here: nothing happens).
  await expect(row.getByRole('button', { name: '恢复' })).toBeEnabled();
  await expect(section.getByText('从备份文件恢复…')).toBeVisible();
  await expect(section.getByLabel('选择备份文件')).toHaveAttribute('accept', '.qingshui');
  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); void d.dismiss(); });
  await row.getByRole('button', { name: '恢复' }).click();
  await expect.poll(() => asked).toContain(`用“${name}”恢复工作区？当前工作区将另存`);
  await expect(done).toContainText('已备份：');

  // The days kept: changed, said, and still there after a reload.
  await keep.fill('14');
  await keep.blur();
  await expect(section.getByRole('status')).toHaveText('每天自动备份一次，保留 14 天');
  await page.screenshot({ path: 'test-results/walkthrough-backup.png', fullPage: true });
  await page.reload();
  await expect(page.getByRole('region', { name: '备份与恢复' }).getByRole('spinbutton', { name: '自动备份保留天数' })).toHaveValue('14');
  await expect(page.getByRole('region', { name: '备份与恢复' }).getByRole('row').filter({ hasText: name })).toHaveCount(1);
});

/** Tries to enrol at an address on the sync page; returns the message shown. */
async function enrolAt(page: Page, url: string): Promise<string> {
  const form = page.getByRole('form', { name: '登记到同步中心' });
  const banner = page.getByRole('alert').and(page.locator('.banner.error'));
  await page.reload(); // a fresh form, no earlier message
  await form.getByLabel('同步中心地址').fill(url);
  await form.getByLabel('账号').fill('admin');
  await form.getByLabel('密码').fill('Qingshui2026');
  await form.getByRole('button', { name: '登记本机' }).click();
  await expect(banner).toBeVisible();
  await expect(form).toBeVisible(); // not enrolled: the form stays for a corrected address
  return (await banner.textContent())!;
}

/** Plain Chinese: no HTTP status, no English words from a server or from Node (the address, the name HTTP(S) and a system code in brackets aside). */
function expectPlain(text: string, url: string, soft = false) {
  const e = soft ? expect.soft : expect;
  const words = text.replaceAll(new URL(url).host, '').replace(/https?:\/\/\S*?(?=[（）；，\s]|$)/g, '').replace(/（[A-Z][A-Z0-9_]+）/g, '').replace(/HTTPS?(?!\s*\d)/g, '');
  e(text, text).not.toMatch(/HTTP\s*\d{3}/i);
  e(words, text).not.toMatch(/[A-Za-z]{3,}/);
  e(words.match(/[\u4e00-\u9fff]/g)?.length ?? 0, text).toBeGreaterThan(10);
}

test('the sync page answers an address that is not a hub in plain Chinese, never “HTTP 404” or raw English', async ({ page, host }) => {
  // A web server that is not a hub (a bare 404 page), and a port where nothing listens.
  const notHub = createServer((_req, res) => { res.writeHead(404, { 'content-type': 'text/html' }); res.end('<h1>Not Found</h1>'); });
  await new Promise<void>((ok) => notHub.listen(0, '127.0.0.1', ok));
  const notHubUrl = `http://127.0.0.1:${(notHub.address() as AddressInfo).port}`;
  const closed = createServer();
  await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
  const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((ok) => closed.close(ok));
  try {
    await openAs(page, host, 'admin');
    await page.getByRole('link', { name: '同步' }).click();
    const notHubText = await enrolAt(page, notHubUrl);
    expect(notHubText).toContain('不是本局的同步中心');
    expectPlain(notHubText, notHubUrl);
    await page.screenshot({ path: 'test-results/walkthrough-sync-not-hub.png' });
    // This very browser host: it answers (405, its own JSON error), but is no hub.
    const own = new URL(host.url).origin;
    const ownText = await enrolAt(page, own);
    expect(ownText).toContain('不是本局的同步中心');
    expectPlain(ownText, own);
    await page.screenshot({ path: 'test-results/walkthrough-sync-own-host.png' });
    const closedText = await enrolAt(page, closedUrl);
    expect(closedText).toContain('连不上同步中心');
    expectPlain(closedText, closedUrl);
  } finally {
    notHub.close();
  }
});

test('the sync page answers a port fetch refuses to use, and a failed https connection, in plain Chinese', async ({ page, host }) => {
  // http://127.0.0.1:1 is on the Fetch standard's bad-port list (no errno code); https to a closed port and to a plain-http server fail in TLS.
  await openAs(page, host, 'admin');
  await page.getByRole('link', { name: '同步' }).click();
  for (const url of ['http://127.0.0.1:1', 'https://127.0.0.1:1', `https://${new URL(host.url).host}`]) {
    const text = await enrolAt(page, url);
    expect.soft(text).toContain('连不上同步中心');
    expectPlain(text, url, true);
    if (url.endsWith(':1')) await page.screenshot({ path: `test-results/walkthrough-sync-bad-port${url.startsWith('https') ? '-https' : ''}.png` });
  }
});
