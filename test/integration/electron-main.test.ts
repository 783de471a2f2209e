import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Runs the built dist/electron/main.cjs under Node with a stand-in for the `electron` module (its
 * binary cannot be downloaded here), and drives the hooks main.ts registers: the app:// handler,
 * the IPC channel with its sender check, navigation and new-window guards, permissions.
 */
type Listener = (...args: unknown[]) => unknown;
const userData = mkdtempSync(join(tmpdir(), 'qingshui-electron-'));
const seen = {
  protocolHandler: null as null | ((req: Request) => Promise<Response>),
  ipc: null as null | Listener,
  print: null as null | Listener,
  webContentsCreated: null as null | Listener,
  windows: [] as { url: string; prefs: Record<string, unknown> }[],
  permission: null as null | Listener,
  sent: [] as unknown[],
};
let ready: () => void;
const whenReadyCalled = new Promise<void>((ok) => { ready = ok; });

const fakeElectron = {
  app: {
    getPath: () => userData,
    on: (event: string, fn: Listener) => { if (event === 'web-contents-created') seen.webContentsCreated = fn; },
    whenReady: () => { setTimeout(() => ready(), 0); return Promise.resolve(); },
    quit: () => undefined,
  },
  protocol: { registerSchemesAsPrivileged: () => undefined, handle: (_s: string, fn: (req: Request) => Promise<Response>) => { seen.protocolHandler = fn; } },
  net: { fetch: (url: string) => fetch(url).catch(async () => new Response(await import('node:fs').then((fs) => fs.readFileSync(new URL(url))))) },
  session: { defaultSession: { setPermissionRequestHandler: (fn: Listener) => { seen.permission = fn; }, setPermissionCheckHandler: () => undefined } },
  ipcMain: { handle: (c: string, fn: Listener) => { if (c === 'qingshui:rpc') seen.ipc = fn; else if (c === 'qingshui:print-pdf') seen.print = fn; } },
  shell: { openExternal: () => Promise.resolve() },
  dialog: {
    showErrorBox: (t: string, m: string) => { throw new Error(`${t}: ${m}`); },
    showSaveDialog: () => Promise.resolve({ canceled: false, filePath: join(userData, '笔录.pdf') }),
  },
  BrowserWindow: class {
    webContents = {
      send: (_c: string, e: unknown) => seen.sent.push(e),
      executeJavaScript: () => Promise.resolve(true),
      printToPDF: (opts: Record<string, unknown>) => Promise.resolve(Buffer.from(`%PDF-1.7 ${JSON.stringify(opts)}`)),
    };
    destroy() { /* hidden print window closed */ }
    constructor(opts: { webPreferences: Record<string, unknown> }) { seen.windows.push({ url: '', prefs: opts.webPreferences }); }
    loadURL(url: string) { seen.windows[seen.windows.length - 1].url = url; return Promise.resolve(); }
    isDestroyed() { return false; }
  },
};

const resolver = Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown };
const originalLoad = resolver._load;
resolver._load = function (request: string, ...rest: unknown[]) {
  return request === 'electron' ? fakeElectron : originalLoad.call(this, request, ...rest);
};
afterAll(() => { resolver._load = originalLoad; rmSync(userData, { recursive: true, force: true }); });

describe('the desktop main process', () => {
  it('boots on the demo workspace, serves app:// with a CSP, and guards IPC, navigation and windows', async () => {
    const require = Module.createRequire(__filename);
    require(join(__dirname, '..', '..', 'dist', 'electron', 'main.cjs'));
    await whenReadyCalled;
    // The first start builds the demo county (with its year of inspections) before the window opens.
    for (let i = 0; i < 400 && seen.windows.length === 0; i++) await new Promise((ok) => setTimeout(ok, 50));

    expect(seen.windows[0].url).toBe('app://qingshui/index.html');
    expect(seen.windows[0].prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(seen.windows[0].prefs.preload)).toMatch(/preload\.cjs$/);

    const page = await seen.protocolHandler!(new Request('app://qingshui/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    expect((await seen.protocolHandler!(new Request('app://qingshui/../../package.json'))).status).toBe(404);
    expect((await seen.protocolHandler!(new Request('app://qingshui/index.html', { method: 'POST', body: 'x' }))).status).toBe(404);

    const trusted = { senderFrame: { url: 'app://qingshui/index.html', parent: null } };
    // Nothing before sign-in (issue 18); then the demo's administrator.
    expect(await seen.ipc!(trusted, 'workspace.stats', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await seen.ipc!(trusted, 'auth.signIn', { user: 'admin', password: 'Qingshui2026' })).toMatchObject({ ok: true, value: { signedIn: true } });
    expect(await seen.ipc!(trusted, 'workspace.stats', {})).toMatchObject({ ok: true, value: { enterprises: 400 } });
    const iframe = { senderFrame: { url: 'app://qingshui/index.html', parent: {} } };
    expect(await seen.ipc!(iframe, 'workspace.stats', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await seen.ipc!(foreign, 'workspace.stats', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // Photos and signatures of the open workspace are served by SHA-256; nothing else under /blobs/.
    const recent = await seen.ipc!(trusted, 'inspections.list', { limit: 1 }) as { value: { rows: { id: string }[] } };
    const record = await seen.ipc!(trusted, 'inspections.get', { id: recent.value.rows[0].id }) as { value: { signatures: { sha256: string }[] } };
    const blob = await seen.protocolHandler!(new Request(`app://qingshui/blobs/${record.value.signatures[0].sha256}`));
    expect(blob.status).toBe(200);
    expect(blob.headers.get('content-type')).toBe('image/png');
    expect((await seen.protocolHandler!(new Request(`app://qingshui/blobs/${'0'.repeat(64)}`))).status).toBe(404);
    expect((await seen.protocolHandler!(new Request('app://qingshui/blobs/../package.json'))).status).toBe(404);
    expect(await seen.print!(foreign, recent.value.rows[0].id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Printing renders the record's print page in a hidden window and saves an A4 PDF where chosen.
    const printed = await seen.print!(trusted, recent.value.rows[0].id) as { ok: boolean; value: { path: string } };
    expect(printed).toMatchObject({ ok: true, value: { path: join(userData, '笔录.pdf') } });
    expect(seen.windows.at(-1)!.url).toBe(`app://qingshui/index.html#/inspections/${recent.value.rows[0].id}/print`);
    expect(readFileSync(printed.value.path, 'utf8')).toContain('"pageSize":"A4"');

    const handlers: Record<string, Listener> = {};
    let openHandler: Listener = () => undefined;
    const contents = { on: (e: string, fn: Listener) => { handlers[e] = fn; }, setWindowOpenHandler: (fn: Listener) => { openHandler = fn; } };
    seen.webContentsCreated!({}, contents);
    let prevented = false;
    handlers['will-navigate']({ preventDefault: () => { prevented = true; } }, 'https://evil.example/');
    expect(prevented).toBe(true);
    prevented = false;
    handlers['will-navigate']({ preventDefault: () => { prevented = true; } }, 'app://qingshui/index.html#/enterprises');
    expect(prevented).toBe(false);
    expect(openHandler({ url: 'https://www.mee.gov.cn/' })).toEqual({ action: 'deny' });
    let granted: boolean | null = null;
    seen.permission!({}, 'geolocation', (ok: boolean) => { granted = ok; }, { requestingUrl: 'app://qingshui/index.html' });
    expect(granted).toBe(false);
    // The camera for evidence photos, video only, for our own page only.
    seen.permission!({}, 'media', (ok: boolean) => { granted = ok; }, { requestingUrl: 'app://qingshui/index.html', mediaTypes: ['video'] });
    expect(granted).toBe(true);
    seen.permission!({}, 'media', (ok: boolean) => { granted = ok; }, { requestingUrl: 'app://qingshui/index.html', mediaTypes: ['video', 'audio'] });
    expect(granted).toBe(false);
    seen.permission!({}, 'media', (ok: boolean) => { granted = ok; }, { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] });
    expect(granted).toBe(false);
  });
});
