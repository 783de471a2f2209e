import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';

/** A new Ed25519 key pair for this device: the private half stays in the workspace, the public half goes to the hub. */
export function newDeviceKey(): { privateKey: string; publicKey: string } {
  const pair = generateKeyPairSync('ed25519');
  return {
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    publicKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

/** Signs a message (a hub challenge, a bundle manifest) with this device's private key, as base64. */
export function signWith(privateKey: string, message: string | Uint8Array): string {
  const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  return sign(null, Buffer.from(message), key).toString('base64');
}
