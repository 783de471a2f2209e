import { createPrivateKey, sign } from 'node:crypto';

/** Signs a message (a hub challenge, a bundle manifest) with this device's private key, as base64. */
export function signWith(privateKey: string, message: string | Uint8Array): string {
  const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  return sign(null, Buffer.from(message), key).toString('base64');
}
