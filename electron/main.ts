// The desktop host: one window on app://, one IPC channel to the core. Thin by design.
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell } from 'electron';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openOrCreateDemo } from './core/default-workspace';
import { basemapTile, exportedFile, storedFileAnswer } from './core/files';
import { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { receiveUpload, uploadProcedure } from './core/streamed-upload';
import { DomainError } from '../shared/api/result';
import { createWorkspaceHost, type WorkspaceHost } from './core/workspace-host';
import { lockWorkspace } from './core/workspace-lock';
import {
  APP_ORIGIN, APP_SCHEME, EVENT_CHANNEL, IPC_CHANNEL, PRINT_CHANNEL, STAGE_CHANNEL, appRequestToBlob, appRequestToExport, appRequestToTile, appRequestToFile, contentSecurityPolicy, DATA_CSP,
  isAllowedExternal, isAllowedPermission, isAppUrl, isTrustedSender, secureWebPreferences,
} from './security';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const rendererDir = join(__dirname, '..', 'renderer');
let wb: WorkspaceHost | null = null;
let unlock: () => void = () => undefined;

function reportFatal(title: string, e: unknown): void {
  console.error(title, e);
  dialog.showErrorBox('清水工作台出错', `${title}\n\n${e instanceof Error ? e.message : String(e)}`);
}
process.on('uncaughtException', (e) => reportFatal('未处理的错误', e));
process.on('unhandledRejection', (e) => reportFatal('未处理的异步错误', e));

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (e, url) => { if (!isAppUrl(url)) e.preventDefault(); });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('render-process-gone', (_e, details) => reportFatal('窗口进程意外退出', details.reason));
});

// Everything the desktop writes (the workspace, photos, exports, backups) is its user's only.
process.umask(0o077);

/** Every app:// answer that is not one of our pages (tiles, exports, errors) carries the no-script CSP and nosniff. */
function withDataCsp(res: Response): Response {
  if (res.headers.has('content-security-policy')) return res;
  const headers = new Headers(res.headers);
  headers.set('content-security-policy', DATA_CSP);
  headers.set('x-content-type-options', 'nosniff');
  return new Response(res.body, { status: res.status, headers });
}

void app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, perm, done, details) => done(isAllowedPermission(perm, details as { requestingUrl?: string; mediaTypes?: string[] })));
  session.defaultSession.setPermissionCheckHandler((_wc, perm, origin) => perm === 'media' && isAppUrl(origin));
  protocol.handle(APP_SCHEME, async (request) => withDataCsp(await answerApp(request)));
  async function answerApp(request: Request): Promise<Response> {
    // Photos, tiles and exports are read as a procedure is: by a signed-in, unlocked window (issue 18).
    const isFile = appRequestToBlob(request.method, request.url) || appRequestToTile(request.method, request.url) || appRequestToExport(request.method, request.url) !== null;
    if (isFile && wb && wb.refusal('ledgers.exports')) return new Response('请先登录', { status: 401 });
    const sha = appRequestToBlob(request.method, request.url);
    if (sha && wb) {
      // A recording plays from any point: one byte range is answered, the file decrypted piece by piece as it is sent.
      const file = storedFileAnswer(wb.current(), sha, request.headers.get('range') ?? undefined, request.method === 'HEAD');
      if (!file) return new Response('Not found', { status: 404 });
      return new Response(file.body ? (Readable.toWeb(file.body) as ReadableStream) : null, { status: file.status, headers: file.headers });
    }
    const tile = appRequestToTile(request.method, request.url);
    if (tile && wb) {
      const t = basemapTile(wb.current(), tile.z, tile.x, tile.y);
      return t ? new Response(new Uint8Array(t.bytes), { headers: { 'content-type': t.mime } }) : new Response(null, { status: 204 });
    }
    const exported = appRequestToExport(request.method, request.url);
    if (exported !== null && wb) {
      const file = exportedFile(wb.current(), exported);
      return file
        ? new Response(new Uint8Array(file.bytes), { headers: { 'content-type': file.mime, 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(exported)}` } })
        : new Response('Not found', { status: 404 });
    }
    const file = appRequestToFile(request.method, request.url, rendererDir);
    if (!file || !existsSync(file)) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy());
    return new Response(res.body, { status: res.status, headers });
  }
  try {
    const dataDir = join(app.getPath('userData'), 'workspace');
    mkdirSync(dataDir, { recursive: true });
    unlock = lockWorkspace(dataDir, '桌面版');
    wb = createWorkspaceHost((await openOrCreateDemo(dataDir)).start);
  } catch (e) {
    reportFatal('无法打开工作区', e);
    app.quit();
    return;
  }
  ipcMain.handle(IPC_CHANNEL, async (event, name: unknown, input: unknown) => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame && { url: frame.url, isMainFrame: frame.parent === null }) || typeof name !== 'string') {
      return { ok: false, error: { code: 'forbidden', message: '拒绝来自非本程序页面的请求' } };
    }
    return wb!.dispatch(name, input);
  });
  ipcMain.handle(STAGE_CHANNEL, async (event, path: unknown, kind: unknown) => {
    // A file the person picked (a recording), streamed into the uploads folder for a procedure (issue 19).
    const frame = event.senderFrame;
    if (!isTrustedSender(frame && { url: frame.url, isMainFrame: frame.parent === null }) || typeof path !== 'string' || !path) {
      return { ok: false, error: { code: 'forbidden', message: '拒绝来自非本程序页面的请求' } };
    }
    const ext = typeof kind === 'string' && kind ? kind : extname(path);
    const refused = wb!.refusal(uploadProcedure(`.${ext.replace(/^\./, '').toLowerCase()}`));
    if (refused && !refused.ok) return refused;
    try {
      return { ok: true, value: { upload: await receiveUpload(wb!.current(), ext, createReadStream(path)) } };
    } catch (e) {
      return { ok: false, error: { code: e instanceof DomainError ? e.code : 'internal', message: (e as Error).message } };
    }
  });
  ipcMain.handle(PRINT_CHANNEL, async (event, id: unknown) => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame && { url: frame.url, isMainFrame: frame.parent === null }) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) {
      return { ok: false, error: { code: 'forbidden', message: '拒绝来自非本程序页面的请求' } };
    }
    return printRecordToPdf(id);
  });
  const win = new BrowserWindow({ width: 1366, height: 860, title: '清水 · 生态环境执法工作台', webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')) });
  wb.events.on('event', (e) => { if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, e); });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
});

/**
 * Renders the record's print page (the same page the browser host prints) in a hidden window and
 * saves it as an A4 PDF where the user chooses.
 */
async function printRecordToPdf(id: string) {
  const hidden = new BrowserWindow({ show: false, webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')) });
  try {
    await hidden.loadURL(`${APP_ORIGIN}/index.html#/inspections/${id}/print`);
    for (let i = 0; i < 100 && !(await hidden.webContents.executeJavaScript('document.body.dataset.printReady === "1"')); i++) await new Promise((r) => setTimeout(r, 100));
    const pdf = await hidden.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    const { filePath, canceled } = await dialog.showSaveDialog({ defaultPath: `现场检查笔录-${id.slice(-8)}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    if (canceled || !filePath) return { ok: true, value: { path: null } };
    writeFileSync(filePath, pdf);
    return { ok: true, value: { path: filePath } };
  } catch (e) {
    return { ok: false, error: { code: 'internal', message: `导出 PDF 失败：${(e as Error).message}` } };
  } finally {
    hidden.destroy();
  }
}

app.on('window-all-closed', () => { wb?.close(); unlock(); app.quit(); });
