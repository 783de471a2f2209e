import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};

/**
 * Resolves a URL path inside the build folder; null for anything that escapes it.
 * Unknown paths without an extension fall back to index.html (client-side routes).
 */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try { decoded = decodeURIComponent(urlPath.split('?')[0]); } catch { return null; }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, '.' + normalize('/' + decoded));
  if (file !== base && !file.startsWith(base + sep)) return null;
  if (existsSync(file) && statSync(file).isFile()) return file;
  if (extname(decoded) === '') return join(base, 'index.html');
  return null;
}

export function readStatic(file: string): { body: Buffer; type: string } {
  return { body: readFileSync(file), type: TYPES[extname(file)] ?? 'application/octet-stream' };
}
