import { createHash } from 'node:crypto';

/** SHA-256 of bytes as hex (what blobs and bundle files are named and checked by). */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
