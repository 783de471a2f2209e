import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { launchChromium } from './browser-host';

/** Spawn of the browser host → first enterprise row painted in Chromium (ms). */
export async function coldStartToFirstList(dataDir: string, account: { user: string; password: string }): Promise<number> {
  const browser = await launchChromium();
  const page = await browser.newPage();
  const started = performance.now();
  const child = spawn(process.execPath, [join(__dirname, '..', 'electron', 'cli.cjs'), 'web', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', ok));
  await page.goto(`${url}#/enterprises`);
  // Signed in as a person would (the workspace opens with the password: key slot, scrypt, unseal).
  const form = page.getByRole('form', { name: '登录' });
  await form.getByLabel('用户名').fill(account.user);
  await form.getByLabel('密码').fill(account.password);
  await form.getByRole('button', { name: '登录' }).click();
  await page.waitForSelector('[role=row][data-index="0"] [role=cell]', { timeout: 60_000 });
  const ms = performance.now() - started;
  child.kill('SIGTERM');
  await browser.close();
  return ms;
}

/** Baseline: spawn a bare Node HTTP server serving one static page → that page loaded (ms). */
export async function coldStartBaseline(): Promise<number> {
  const browser = await launchChromium();
  const page = await browser.newPage();
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', "require('http').createServer((q,r)=>{r.setHeader('content-type','text/html');r.end('<p role=row>hello</p>')}).listen(0,'127.0.0.1',function(){console.log('http://127.0.0.1:'+this.address().port+'/')})"], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', ok));
  await page.goto(url);
  await page.waitForSelector('[role=row]');
  const ms = performance.now() - started;
  child.kill('SIGTERM');
  await browser.close();
  return ms;
}
