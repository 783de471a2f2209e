import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { envelopeAad, openEnvelope, sealEnvelope, type EnvelopeHeader } from '../../shared/sync/bundle-envelope';
import { storedSealSecret } from '../db/devices';
import type { HubDb } from '../db/hub-db';
import { HubRefusal } from './hub-error';

/*
 * The hub's end of encrypted bundles (shared/sync/bundle-envelope.ts): a device's bundle key is
 * HKDF-SHA256 of the secret the hub gave it, as the laptop derives it (electron/store/cipher.ts subkey).
 */

const bundleKey = (secret: string) => Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'base64'), Buffer.alloc(0), 'qingshui-bundle-v1', 32));

/** A laptop's bundle as a zip: opened with its device's key when sealed; a plain one as it is. */
export async function openedBundle(db: HubDb, bytes: Uint8Array): Promise<Uint8Array> {
  const env = openEnvelope(bytes);
  if (env === null) return bytes;
  if (typeof env === 'string') throw new HubRefusal(400, 'bundle', env);
  const secret = await storedSealSecret(db, env.header.deviceId);
  const body = Buffer.from(env.body);
  if (!secret || body.length < 32 || body.subarray(0, 4).toString('latin1') !== 'QSE1') throw new HubRefusal(400, 'bundle', `加密同步包无法解开：设备 ${env.header.deviceId} 未在本中心取得密钥，或包已损坏`);
  try {
    const d = createDecipheriv('aes-256-gcm', bundleKey(secret), body.subarray(4, 16));
    d.setAAD(Buffer.from(envelopeAad(env.header)));
    d.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([d.update(body.subarray(16, body.length - 16)), d.final()]);
  } catch {
    throw new HubRefusal(400, 'bundle', '加密同步包无法用该设备的密钥解开（被改动或伪造），已拒收');
  }
}

/** The return bundle sealed for its device (plain while the device has not asked for its secret). */
export async function sealedForDevice(db: HubDb, h: EnvelopeHeader, zip: Uint8Array): Promise<Uint8Array> {
  const secret = await storedSealSecret(db, h.deviceId);
  if (!secret) return zip;
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', bundleKey(secret), iv);
  c.setAAD(Buffer.from(envelopeAad(h)));
  const body = Buffer.concat([c.update(zip), c.final()]);
  return sealEnvelope(h, Buffer.concat([Buffer.from('QSE1'), iv, body, c.getAuthTag()]));
}
