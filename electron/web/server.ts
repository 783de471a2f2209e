import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkbenchEvent } from '../core/workbench';
import type { WorkspaceHost } from '../core/workspace-host';
import { basemapTile, exportedFile, storedFileAnswer, tileOfPath } from '../core/files';
import { receiveUpload, uploadProcedure } from '../core/streamed-upload';
import { DomainError } from '../../shared/api/result';
import { contentSecurityPolicy, DATA_CSP } from './csp';
import { HostGuard } from './guard';
import { readStatic, resolveStatic } from './static-files';


/** A photo of up to 50 MB arrives as base64 inside JSON. */
const MAX_BODY = 72 * 1024 * 1024;

class TooLarge extends Error {}

export type WebHost = { url: string; port: number; token: string; server: Server; close(): Promise<void> };

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const refuse = (res: ServerResponse, status: number, code: string, message: string) => send(res, status, { ok: false, error: { code, message } });

/**
 * The browser host (DESIGN §2): the renderer build, `POST /rpc/<name>` and `GET /events` (SSE) on
 * 127.0.0.1 only. Every request must name this host (`Host`), carry the session (`HostGuard`), and
 * every response carries a CSP and `nosniff`.
 */
export async function startWebHost(wb: Pick<WorkspaceHost, 'dispatch' | 'refusal' | 'events' | 'current'>, opts: { port?: number; rendererDir: string; token?: string; program?: boolean }): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const guard = new HostGuard(token, opts.program);
  const clients = new Set<ServerResponse>();
  const onEvent = (e: WorkbenchEvent) => {
    if (e.type === 'workspace') guard.signOutAll();
    for (const c of clients) c.write(`data: ${JSON.stringify(e)}\n\n`);
  };
  wb.events.on('event', onEvent);

  const server = createServer(async (req, res) => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('content-security-policy', DATA_CSP);
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    try {
      if (!guard.hostAllowed(req)) return refuse(res, 421, 'forbidden', '请求的主机名不是本机工作台的地址，已拒绝');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${guard.port}`);
      if (url.searchParams.has('token')) {
        // The printed address: its token becomes the session cookie, and the address bar loses it.
        if (req.method !== 'GET' || !guard.exchanges(url)) return refuse(res, 401, 'forbidden', '会话令牌无效，请使用启动时显示的地址打开');
        url.searchParams.delete('token');
        // A browser that already has a session keeps it (and its sign-in) when it opens the printed address again.
        const cookie = guard.hasBrowserSession(req) ? {} : { 'set-cookie': guard.newSessionCookie() };
        res.writeHead(303, { ...cookie, location: url.pathname + url.search, 'cache-control': 'no-store' });
        return res.end();
      }
      const isPage = !/^\/(rpc|events|exports|tiles|blobs|uploads)\//.test(url.pathname) && url.pathname !== '/events';
      if (!isPage && !guard.allowed(req)) return refuse(res, 401, 'forbidden', '会话令牌无效或已失效，请使用启动时显示的地址重新打开');
      if (/^\/(exports|tiles|blobs|uploads)\//.test(url.pathname)) {
        // Files are read as a procedure is: signed in, not idle-locked (issue 18).
        const refused = wb.refusal('ledgers.exports', guard.sessionOf(req)!);
        if (refused && !refused.ok) return refuse(res, 401, refused.error.code, refused.error.message);
      }
      if (url.pathname.startsWith('/rpc/')) {
        if (req.method !== 'POST') return refuse(res, 405, 'invalid', '只接受 POST');
        if (!guard.originAllowed(req)) return refuse(res, 403, 'forbidden', '请求来自其他网页，已拒绝');
        const body = await readBody(req);
        let input: unknown;
        try { input = body ? JSON.parse(body) : {}; } catch { return refuse(res, 400, 'invalid', '请求内容不是有效的 JSON'); }
        return send(res, 200, await wb.dispatch(decodeURIComponent(url.pathname.slice(5)), input, guard.sessionOf(req)!));
      }
      if (url.pathname.startsWith('/uploads/')) {
        // A large file (a recording) streamed to disk: `POST /uploads/<kind>` answers the name a procedure is given.
        if (req.method !== 'POST') return refuse(res, 405, 'invalid', '只接受 POST');
        if (!guard.originAllowed(req)) return refuse(res, 403, 'forbidden', '请求来自其他网页，已拒绝');
        // Only what this person may then do with it: a sheet by who imports, a backup or basemap by an administrator.
        const kind = `.${url.pathname.slice(9).toLowerCase()}`;
        const refused = wb.refusal(uploadProcedure(kind), guard.sessionOf(req)!);
        if (refused && !refused.ok) return refuse(res, 403, refused.error.code, refused.error.message);
        try {
          return send(res, 200, { ok: true, value: { upload: await receiveUpload(wb.current(), url.pathname.slice(9), req) } });
        } catch (e) {
          if (e instanceof DomainError) return refuse(res, 400, e.code, e.message);
          throw e;
        }
      }
      if (url.pathname === '/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      if (url.pathname.startsWith('/exports/')) {
        let name = '';
        try { name = decodeURIComponent(url.pathname.slice(9)); } catch { /* not a name of ours */ }
        const file = exportedFile(wb.current(), name, guard.sessionOf(req)!);
        if (!file) return refuse(res, 404, 'not_found', '未找到该导出文件');
        res.writeHead(200, { 'content-type': file.mime, 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`, 'cache-control': 'no-store' });
        return res.end(file.bytes);
      }
      if (url.pathname.startsWith('/tiles/')) {
        const tile = tileOfPath(url.pathname);
        if (!tile) return refuse(res, 404, 'not_found', '瓦片地址无效');
        const t = basemapTile(wb.current(), tile.z, tile.x, tile.y);
        // A tile outside the package is simply empty: the vector layers still draw there.
        if (!t) { res.writeHead(204, { 'cache-control': 'no-store' }); return res.end(); }
        res.writeHead(200, { 'content-type': t.mime, 'cache-control': 'private, max-age=3600' });
        return res.end(t.bytes);
      }
      if (url.pathname.startsWith('/blobs/')) {
        const sha256 = url.pathname.slice(7);
        const file = storedFileAnswer(wb.current(), sha256, req.headers.range, req.method === 'HEAD', guard.sessionOf(req)!);
        if (!file) return refuse(res, 404, 'not_found', '未找到该文件');
        res.writeHead(file.status, file.headers);
        if (!file.body) return res.end();
        file.body.on('error', () => res.destroy());
        res.on('close', () => file.body?.destroy());
        return void file.body.pipe(res);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'invalid', '不支持的请求方法');
      const file = resolveStatic(opts.rendererDir, url.pathname);
      if (!file) return refuse(res, 404, 'not_found', '未找到');
      const { body, type } = readStatic(file);
      res.writeHead(200, { 'content-type': type, 'content-security-policy': contentSecurityPolicy(), 'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      if (e instanceof TooLarge) return refuse(res, 413, 'invalid', `请求过大（超过 ${MAX_BODY / 1024 / 1024} MB）`);
      refuse(res, 500, 'internal', `内部错误：${(e as Error).message}`);
    }
  });
  // A multi-GB recording streamed from this computer takes longer than Node's 300 s default (the host listens on 127.0.0.1 only).
  server.requestTimeout = 0;
  await new Promise<void>((ok, fail) => { server.once('error', fail); server.listen(opts.port ?? 0, '127.0.0.1', () => ok()); });
  const port = (server.address() as AddressInfo).port;
  guard.port = port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`, port, token, server,
    close: () => new Promise((ok) => {
      wb.events.off('event', onEvent);
      for (const c of clients) c.end();
      server.close(() => ok());
      server.closeAllConnections();
    }),
  };
}
