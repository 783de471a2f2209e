import { tileOfPath } from './core/files';
/**
 * The desktop's security rules as pure functions (Electron security checklist), so they can be
 * unit-tested without Electron. main.ts wires them to Electron's hooks.
 */
import { resolve, sep } from 'node:path';
import { contentSecurityPolicy, DATA_CSP, storedFileHeaders } from './web/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'qingshui';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const IPC_CHANNEL = 'qingshui:rpc';
export const EVENT_CHANNEL = 'qingshui:event';
export const PRINT_CHANNEL = 'qingshui:print-pdf';
export const STAGE_CHANNEL = 'qingshui:stage-file';

/** Links a person may open in the system browser; everything else is refused. */
export const EXTERNAL_ALLOW = ['https://www.mee.gov.cn/', 'https://sthjt.', 'https://www.gov.cn/'];

export { contentSecurityPolicy, DATA_CSP, storedFileHeaders };

/** Whether a URL belongs to our own app:// origin. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Whether an external link may be handed to the system browser (https only, allow-listed). */
export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && EXTERNAL_ALLOW.some((prefix) => url.startsWith(prefix) || (prefix.endsWith('.') && u.host.startsWith(prefix.slice(8))));
  } catch {
    return false;
  }
}

/**
 * Maps an app:// request to a file inside the renderer build; null for other methods, hosts,
 * or paths that resolve outside the build folder.
 */
export function appRequestToFile(method: string, url: string, rendererDir: string): string | null {
  if (method !== 'GET') return null;
  let u: URL;
  try { u = new URL(url); } catch { return null; }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try { path = decodeURIComponent(u.pathname); } catch { return null; }
  if (path.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, '.' + (path === '/' ? '/index.html' : path));
  return file.startsWith(root + sep) ? file : null;
}

/** The SHA-256 an `app://…/blobs/<sha>` GET asks for (photos and signatures of the open workspace), or null. */
export function appRequestToBlob(method: string, url: string): string | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  let u: URL;
  try { u = new URL(url); } catch { return null; }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  const m = u.pathname.match(/^\/blobs\/([0-9a-f]{64})$/);
  return m ? m[1] : null;
}

/**
 * The one permission a page may get: the camera (video only, no microphone) for evidence photos,
 * asked by our own page. Everything else — geolocation (it needs a network provider), notifications,
 * microphone — is refused.
 */
export function isAllowedPermission(permission: string, details: { requestingUrl?: string; mediaTypes?: string[] } | undefined): boolean {
  if (permission !== 'media' || !details?.requestingUrl || !isAppUrl(details.requestingUrl)) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}

/** The tile an `app://…/tiles/{z}/{x}/{y}` GET asks for (the offline basemap), or null. */
export function appRequestToTile(method: string, url: string): { z: number; x: number; y: number } | null {
  if (method !== 'GET') return null;
  let u: URL;
  try { u = new URL(url); } catch { return null; }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  return tileOfPath(u.pathname);
}

/** The file name an `app://…/exports/<name>` GET asks for (a ledger exported into the workspace), or null. */
export function appRequestToExport(method: string, url: string): string | null {
  if (method !== 'GET') return null;
  let u: URL;
  try { u = new URL(url); } catch { return null; }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || !u.pathname.startsWith('/exports/')) return null;
  try { return decodeURIComponent(u.pathname.slice(9)); } catch { return null; }
}

/** An IPC message is accepted only from our own top-level frame on our own origin. */
export function isTrustedSender(frame: { url: string; isMainFrame: boolean } | null | undefined): boolean {
  return !!frame && frame.isMainFrame && isAppUrl(frame.url);
}

/** The web preferences every window gets. */
export function secureWebPreferences(preload: string) {
  return {
    preload, contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
    webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false, spellcheck: false,
  } as const;
}
