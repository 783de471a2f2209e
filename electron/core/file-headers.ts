/** What every response that is not one of our pages carries (data, files, errors): nothing in it may run. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** The headers a stored file (photo, signature, scan, recording) is served with by both hosts: its proven type, nothing to run. */
export function storedFileHeaders(mime: string, sha256: string): Record<string, string> {
  const download = mime === 'application/octet-stream';
  return {
    'content-type': mime, 'x-content-type-options': 'nosniff', 'content-security-policy': DATA_CSP,
    'content-disposition': `${download ? 'attachment' : 'inline'}; filename="${sha256.slice(0, 16)}"`,
    // Evidence decrypted for a signed-in session is never written to the browser's disk cache (issue 18).
    'cache-control': 'no-store',
  };
}
