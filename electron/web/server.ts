import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkbenchEvent } from '../core/workbench';
import type { WorkspaceHost } from '../core/workspace-host';
import { readFileSync } from 'node:fs';
import { exportFile } from '../ledger/exports-folder';
import { readBlob } from '../store/blob-store';
import { tileMime } from '../map/mbtiles';
import { tileOfPath } from '../map/tile-path';
import { basemapOf } from '../services/map';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
import { contentSecurityPolicy } from './csp';
import { readStatic, resolveStatic } from './static-files';

/** A photo of up to 50 MB arrives as base64 inside JSON. */
const MAX_BODY = 72 * 1024 * 1024;

class TooLarge extends Error {}

export type WebHost = { url: string; port: number; token: string; server: Server; close(): Promise<void> };

function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

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

/**
 * The browser host (DESIGN §2): the renderer build, `POST /rpc/<name>` and `GET /events` (SSE) on
 * 127.0.0.1 only. Every call must carry the per-run session token.
 */
export async function startWebHost(wb: Pick<WorkspaceHost, 'dispatch' | 'events' | 'current'>, opts: { port?: number; rendererDir: string; token?: string }): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const clients = new Set<ServerResponse>();
  const onEvent = (e: WorkbenchEvent) => { for (const c of clients) c.write(`data: ${JSON.stringify(e)}\n\n`); };
  wb.events.on('event', onEvent);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    try {
      if (url.pathname.startsWith('/rpc/')) {
        if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'invalid', message: '只接受 POST' } });
        if (!tokenMatches(req.headers['x-qingshui-token'] as string | undefined, token)) {
          return send(res, 401, { ok: false, error: { code: 'forbidden', message: '会话令牌无效，请使用启动时显示的地址打开' } });
        }
        const body = await readBody(req);
        let input: unknown;
        try { input = body ? JSON.parse(body) : {}; } catch { return send(res, 400, { ok: false, error: { code: 'invalid', message: '请求内容不是有效的 JSON' } }); }
        return send(res, 200, await wb.dispatch(decodeURIComponent(url.pathname.slice(5)), input));
      }
      if (url.pathname === '/events') {
        if (!tokenMatches(url.searchParams.get('token'), token)) return send(res, 401, { ok: false, error: { code: 'forbidden', message: '会话令牌无效' } });
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      if (url.pathname.startsWith('/exports/')) {
        if (!tokenMatches(url.searchParams.get('token'), token)) return send(res, 401, { ok: false, error: { code: 'forbidden', message: '会话令牌无效' } });
        let name = '';
        try { name = decodeURIComponent(url.pathname.slice(9)); } catch { /* not a name of ours */ }
        const file = exportFile(wb.current().store.file, name);
        if (!file) return send(res, 404, { ok: false, error: { code: 'not_found', message: '未找到该导出文件' } });
        res.writeHead(200, { 'content-type': name.endsWith('.qsync') ? 'application/octet-stream' : XLSX, 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`, 'cache-control': 'no-store' });
        return res.end(readFileSync(file));
      }
      if (url.pathname.startsWith('/tiles/')) {
        if (!tokenMatches(url.searchParams.get('token'), token)) return send(res, 401, { ok: false, error: { code: 'forbidden', message: '会话令牌无效' } });
        const tile = tileOfPath(url.pathname);
        if (!tile) return send(res, 404, { ok: false, error: { code: 'not_found', message: '瓦片地址无效' } });
        const { tiles } = basemapOf(wb.current().store);
        const bytes = tiles?.tile(tile.z, tile.x, tile.y);
        // A tile outside the package is simply empty: the vector layers still draw there.
        if (!bytes || !tiles) { res.writeHead(204, { 'cache-control': 'no-store' }); return res.end(); }
        res.writeHead(200, { 'content-type': tileMime(tiles.info.format), 'cache-control': 'private, max-age=3600' });
        return res.end(bytes);
      }
      if (url.pathname.startsWith('/blobs/')) {
        if (!tokenMatches(url.searchParams.get('token'), token)) return send(res, 401, { ok: false, error: { code: 'forbidden', message: '会话令牌无效' } });
        const { store } = wb.current();
        const blob = readBlob(store.db, store.blobDir, url.pathname.slice(7));
        if (!blob) return send(res, 404, { ok: false, error: { code: 'not_found', message: '未找到该文件' } });
        res.writeHead(200, { 'content-type': blob.mime, 'cache-control': 'private, max-age=31536000, immutable' });
        return res.end(blob.bytes);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false, error: { code: 'invalid', message: '不支持的请求方法' } });
      const file = resolveStatic(opts.rendererDir, url.pathname);
      if (!file) return send(res, 404, { ok: false, error: { code: 'not_found', message: '未找到' } });
      const { body, type } = readStatic(file);
      res.writeHead(200, { 'content-type': type, 'content-security-policy': contentSecurityPolicy(), 'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      if (e instanceof TooLarge) return send(res, 413, { ok: false, error: { code: 'invalid', message: `请求过大（超过 ${MAX_BODY / 1024 / 1024} MB）` } });
      send(res, 500, { ok: false, error: { code: 'internal', message: `内部错误：${(e as Error).message}` } });
    }
  });
  await new Promise<void>((ok, fail) => { server.once('error', fail); server.listen(opts.port ?? 0, '127.0.0.1', () => ok()); });
  const port = (server.address() as AddressInfo).port;
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
