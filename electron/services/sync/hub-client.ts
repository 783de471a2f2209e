import { DomainError } from '../../../shared/api/result';
import { PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import { pinnedFetch, type FetchLike } from './pinned-fetch';

export type { FetchLike } from './pinned-fetch';

/** A refusal from the hub, with its code (so the engine can react to 'restored', 'gap'…). */
export class HubAnswer extends DomainError {
  constructor(readonly hubCode: string, readonly status: number, message: string) {
    super(status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status === 409 ? 'conflict' : 'invalid', message);
  }
}

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
    try {
      res = await this.doFetch(new URL(path, this.url), { method, headers, body: payload, signal: AbortSignal.timeout(120_000) });
    } catch (e) {
      if (e instanceof DomainError) throw e;
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
      throw new DomainError('internal', `连不上同步中心 ${this.url}（${cause}）；网络恢复后再点“同步”，或改用 U 盘同步包`);
    }
    if (res.ok) {
      if (res.headers.get('content-type')?.startsWith('application/octet-stream')) return new Uint8Array(await res.arrayBuffer()) as T;
      return (await res.json()) as T;
    }
    let err: { code?: string; message?: string } = {};
    try { err = (await res.json()) as typeof err; } catch { /* not JSON */ }
    throw new HubAnswer(err.code ?? 'http', res.status, err.message ?? `同步中心答复 HTTP ${res.status}`);
  }
}
