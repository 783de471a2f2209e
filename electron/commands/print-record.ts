import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DomainError } from '../../shared/api/result';
import { createWorkbench, workspaceFile, type Workbench } from '../core/workbench';
import { signInWith } from '../core/maintenance';
import { commandKey } from '../core/unlock';
import { startWebHost } from '../web/server';

const CHROMIUM_PATHS = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** The Chromium the CLI prints with: QINGSHUI_CHROMIUM, or one installed in a usual place. */
function chromiumPath(): string {
  const found = [process.env.QINGSHUI_CHROMIUM, ...CHROMIUM_PATHS].find((p) => p && existsSync(p));
  if (!found) throw new DomainError('not_found', '未找到 Chromium/Chrome/Edge 浏览器，无法生成 PDF；请安装，或用环境变量 QINGSHUI_CHROMIUM 指定其路径');
  return found;
}

/**
 * `qingshui print-record ID --data DIR --out FILE.pdf`: the 现场检查笔录 as an A4 PDF, rendered from
 * the same print page the app shows, by a headless Chromium against a private loopback host.
 */
export async function printRecordCommand(id: string, dataDir: string, out: string): Promise<void> {
  await printPage(dataDir, out, async (wb) => {
    const r = await wb.dispatch('inspections.get', { id });
    if (!r.ok) throw new DomainError(r.error.code, r.error.message);
    return `#/inspections/${encodeURIComponent(id)}/print`;
  });
  console.log(`已生成现场检查笔录：${resolve(out)}`);
}

/**
 * `qingshui print-document CASE_ID DOCUMENT_ID --data DIR --out FILE.pdf`: an enforcement document of a
 * case file (issue 19) with its 送达回证, page by page with its signature lines, as an A4 PDF.
 */
export async function printDocumentCommand(caseId: string, documentId: string, dataDir: string, out: string): Promise<void> {
  let title = '执法文书';
  await printPage(dataDir, out, async (wb) => {
    const r = await wb.dispatch('cases.document', { id: caseId, documentId });
    if (!r.ok) throw new DomainError(r.error.code, r.error.message);
    title = `${String((r.value as { issued: { number: string } }).issued.number) || ''}`;
    return `#/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(documentId)}/print`;
  });
  console.log(`已生成执法文书${title ? ` ${title}` : ''}：${resolve(out)}`);
}

/** Prints one of the app's print pages to an A4 PDF: the workspace opened (signed in when protected), served on loopback, rendered by Chromium. */
async function printPage(dataDir: string, out: string, route: (wb: Workbench) => Promise<string>): Promise<void> {
  if (!out.toLowerCase().endsWith('.pdf')) throw new DomainError('invalid', `--out 应为 .pdf 文件，收到“${out}”`);
  if (!existsSync(dirname(resolve(out)))) throw new DomainError('not_found', `输出文件夹“${dirname(resolve(out))}”不存在`);
  const { key, credentials } = await commandKey(workspaceFile(dataDir));
  const wb = createWorkbench({ dataDir, actor: 'system', create: false, key });
  try {
    if (credentials) await signInWith(wb, credentials);
    const hash = await route(wb);
    const host = await startWebHost({ dispatch: wb.dispatch, refusal: wb.refusal, events: wb.events, current: () => wb }, { rendererDir: join(__dirname, '..', 'renderer'), program: true });
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${host.url}${hash}`);
      await page.waitForSelector('body[data-print-ready="1"]', { timeout: 30_000 });
      await page.pdf({ path: out, format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await browser.close();
      await host.close();
    }
  } finally {
    wb.close();
  }
}
