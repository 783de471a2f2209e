/** The Content-Security-Policy both hosts send with their pages: our own scripts only, no remote anything. */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
    "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
  ].join('; ');
}

export { DATA_CSP, storedFileHeaders } from '../core/file-headers';
