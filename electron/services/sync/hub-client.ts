import { DomainError } from '../../../shared/api/result';
import { PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import { pinnedFetch, type FetchLike } from './pinned-fetch';
import { connectionProblem } from './connection-problem';

export type { FetchLike } from './pinned-fetch';

/** A refusal from the hub, with its code (so the engine can react to 'restored', 'gap'…). */
export class HubAnswer extends DomainError {
  constructor(readonly hubCode: string, readonly status: number, message: string) {
    super(status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status === 409 ? 'conflict' : 'invalid', message);
  }
}

/** How a request on a connection the other end has closed fails (undici, Node's sockets). */
const STALE_CONNECTION = new Set(['UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNRESET', 'EPIPE']);

/** Talks to one hub over HTTP(S); every failure becomes a Chinese message. */
export class HubClient {
  token: string | null = null;
  constructor(readonly url: string, private readonly doFetch: FetchLike = fetch) {}

  /** A client for an enrolled hub: over HTTPS only to the certificate pinned at enrolment (`pinnedFetch`). */
  static of(url: string, fingerprint: string | null, override?: FetchLike): HubClient {
    if (override) return new HubClient(url, override);
    return new HubClient(url, url.startsWith('https:') && fingerprint ? pinnedFetch(fingerprint) : fetch);
  }

  async request<T>(method: string, path: string, body?: unknown, raw?: { bytes: Uint8Array; headers: Record<string, string> }): Promise<T> {
    const headers: Record<string, string> = { 'x-qingshui-protocol': String(PROTOCOL_VERSION) };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let payload: BodyInit | undefined;
    if (raw) { Object.assign(headers, raw.headers, { 'content-type': 'application/octet-stream' }); payload = raw.bytes as unknown as BodyInit; }
    else if (body !== undefined) { headers['content-type'] = 'application/json'; payload = JSON.stringify(body); }
    let res: Response;
    for (let attempt = 1; ; attempt++) {
      try {
        res = await this.doFetch(new URL(path, this.url), { method, headers, body: payload, signal: AbortSignal.timeout(120_000) });
        break;
      } catch (e) {
        if (e instanceof DomainError) throw e;
        const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
        // A kept-alive connection the hub closed (it restarted) fails at once: asked once more on a new one.
        // Every request of the protocol may arrive twice (the hub acknowledges a repeat as such).
        if (attempt === 1 && STALE_CONNECTION.has(cause)) continue;
        // The system's own error rides along (for the log and for whoever handles it), not in the message.
        throw Object.assign(new DomainError('internal', `连不上同步中心 ${this.url}：${connectionProblem(e)}。网络恢复后再试，或改用 U 盘同步包`), { cause: e });
      }
    }
    if (res.ok) {
      if (res.headers.get('content-type')?.startsWith('application/octet-stream')) return new Uint8Array(await res.arrayBuffer()) as T;
      return (await res.json()) as T;
    }
    let err: { code?: string; message?: string } = {};
    try { err = (await res.json()) as typeof err; } catch { /* not JSON */ }
    throw new HubAnswer(err.code ?? 'http', res.status, err.message ?? plainAnswer(res.status, this.url));
  }
}

/** What a hub's bare HTTP status means to a clerk (issue 20: the sync page speaks plain Chinese, never “HTTP 404”). */
function plainAnswer(status: number, url: URL | string): string {
  // A hub's refusals carry its own message; a bare 4xx is another server (a web site, the browser host) at that address.
  if (status === 404 || status === 405 || status === 400) return `地址 ${url} 不是本局的同步中心（没有找到同步服务）：请核对同步中心地址`;
  if (status === 401 || status === 403) return '同步中心拒绝了本机：请重新登记本机或联系管理员';
  if (status === 413) return '发送的数据超过同步中心允许的大小：请分几次同步，或改用 U 盘同步包';
  if (status === 429) return '同步过于频繁，同步中心暂时拒绝：请稍后再试';
  if (status >= 500) return '同步中心内部出错，暂时无法同步：请稍后再试，或联系管理员查看中心日志';
  return `同步中心拒绝了这次请求（状态 ${status}）：请联系管理员`;
}
