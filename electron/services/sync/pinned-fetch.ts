import { request } from 'node:https';
import { checkServerIdentity, connect, type TLSSocket } from 'node:tls';
import { DomainError } from '../../../shared/api/result';

/** What sends a request to the hub: the global fetch, a pinned one, or a test's faulty one. */
export type FetchLike = typeof fetch;

/** A certificate's SHA-256 fingerprint as `AB:CD:…` (how `openssl x509 -fingerprint -sha256` and the hub print it). */
export function normalFingerprint(text: string): string | null {
  const hex = text.replace(/^sha256[:=]?/i, '').replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.length === 64 ? hex.match(/../g)!.join(':') : null;
}

/** What the hub's TLS certificate is: its fingerprint, and whether this machine's CAs vouch for it. */
export type HubCertificate = { fingerprint: string; trusted: boolean };

/** Opens a TLS connection and reads the certificate the hub presents, before anything is sent. */
function open(url: URL, timeoutMs = 15_000): Promise<{ socket: TLSSocket; cert: HubCertificate }> {
  return new Promise((ok, fail) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 443), servername: /^[\d.]+$|:/.test(url.hostname) ? undefined : url.hostname, rejectUnauthorized: false });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('ETIMEDOUT')));
    socket.once('secureConnect', () => {
      const peer = socket.getPeerX509Certificate();
      if (!peer) { socket.destroy(); fail(new Error('同步中心没有出示证书')); return; }
      const named = checkServerIdentity(url.hostname, socket.getPeerCertificate()) === undefined;
      ok({ socket, cert: { fingerprint: peer.fingerprint256, trusted: socket.authorized && named } });
    });
    socket.once('error', fail);
  });
}

/** The certificate an HTTPS hub presents (for 登记: shown, then pinned). */
export async function hubCertificate(url: URL): Promise<HubCertificate> {
  const { socket, cert } = await open(url);
  socket.destroy();
  return cert;
}

/**
 * A fetch for an HTTPS hub that sends nothing until the certificate presented is the one pinned at
 * enrolment — or, after the bureau renews a CA-issued certificate, one this machine's CAs vouch for.
 * A self-signed certificate that changed is refused: someone may be in between.
 */
export function pinnedFetch(pinned: string): FetchLike {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const { socket, cert } = await open(url);
    if (cert.fingerprint !== pinned && !cert.trusted) {
      socket.destroy();
      throw new DomainError('forbidden', `同步中心的证书（指纹 ${cert.fingerprint}）与登记时核对的（${pinned}）不符：可能有人冒充同步中心，已停止连接。如中心确已更换证书，请核对新指纹后重新登记`);
    }
    const body = init.body === undefined || init.body === null ? undefined : typeof init.body === 'string' ? Buffer.from(init.body) : Buffer.from(init.body as Uint8Array);
    return new Promise<Response>((ok, fail) => {
      const req = request(url, {
        method: init.method ?? 'GET', headers: { ...(init.headers as Record<string, string>), ...(body ? { 'content-length': String(body.length) } : {}) },
        createConnection: () => socket, signal: init.signal ?? undefined,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
          ok(new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode ?? 500, headers }));
        });
        res.on('error', fail);
      });
      req.on('error', fail);
      req.end(body);
    });
  }) as FetchLike;
}
