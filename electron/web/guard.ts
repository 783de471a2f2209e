import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Session } from '../core/workbench';

/** The cookie that carries a browser's session once it has shown the token (DESIGN §11). */
const COOKIE = 'qs_session';

function same(given: string | null | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieOf(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/**
 * Who may talk to the browser host. The printed address carries a token; the first page load
 * exchanges it for an `HttpOnly`, `SameSite=Strict` session cookie and the address bar is cleaned,
 * so the token is never in a page's URL, its history or a Referer. Programs (tests, scripts) may
 * send the token in the `x-qingshui-token` header instead — a header no other web page can set
 * without a CORS preflight this host never grants. Requests naming another host are refused: a
 * hostile page cannot reach 127.0.0.1 through a DNS name rebound to it.
 */
export class HostGuard {
  /** Each browser's own session (issue 18: who signed in there), by its cookie; at most 64 kept. */
  private readonly sessions = new Map<string, Session>();
  /** The session of programs that send the token header. */
  private readonly programSession: Session = { personId: null };
  port = 0;
  /** `program`: a host a program runs for its own headless page (print-record): every session is the program's. */
  constructor(readonly token: string, private readonly program = false) {
    if (program) this.programSession.program = true;
  }

  /** Whether the `Host` header names this host's own loopback address and port. */
  hostAllowed(req: IncomingMessage): boolean {
    const host = (req.headers.host ?? '').toLowerCase();
    return host === `127.0.0.1:${this.port}` || host === `localhost:${this.port}` || host === `[::1]:${this.port}`;
  }

  /** Whether a request that changes something comes from our own pages (or from no page at all). */
  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return (req.headers['sec-fetch-site'] ?? 'same-origin') !== 'cross-site';
    return origin === `http://127.0.0.1:${this.port}` || origin === `http://localhost:${this.port}`;
  }

  /** The session of a request's cookie or token header, or null when it carries neither. */
  sessionOf(req: IncomingMessage): Session | null {
    const id = cookieOf(req, COOKIE);
    const session = id && /^[0-9a-f]{64}$/.test(id) ? this.sessions.get(id) : undefined;
    if (session) return this.program ? this.programSession : session;
    return same(req.headers['x-qingshui-token'] as string | undefined, this.token) ? this.programSession : null;
  }

  /** Whether the request carries a live browser session cookie. */
  hasBrowserSession(req: IncomingMessage): boolean {
    const id = cookieOf(req, COOKIE);
    return Boolean(id && this.sessions.has(id));
  }

  /** Whether the request carries a session cookie or the token header. */
  allowed(req: IncomingMessage): boolean {
    return this.sessionOf(req) !== null;
  }

  /** Everyone is signed out (another workspace was opened: its accounts are not this one's). */
  signOutAll(): void {
    for (const s of [...this.sessions.values(), this.programSession]) { s.personId = null; s.user = null; s.locked = false; }
  }

  /** The token of a first page load (`/?token=…`), when it is the right one. */
  exchanges(url: URL): boolean {
    return same(url.searchParams.get('token'), this.token);
  }

  /** A new browser session's cookie (not signed in yet). */
  newSessionCookie(): string {
    const id = randomBytes(32).toString('hex');
    if (this.sessions.size >= 64) this.sessions.delete(this.sessions.keys().next().value!);
    this.sessions.set(id, { personId: null });
    return `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`;
  }
}
