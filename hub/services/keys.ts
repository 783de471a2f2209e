import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { challengeUsed, forgetExpiredChallenges, noteChallengeUsed } from '../db/challenges';
import type { Queryable } from '../db/hub-db';
import { addMeta, metaValue, replaceMeta } from '../db/meta';
import { HubRefusal } from './hub-error';

export type HubKeys = { hubId: string; publicKey: string; privateKey: string; secret: Buffer };

/** The file beside the hub's data that holds its private key and token secret (owner-only, 0600). */
export const KEY_FILE = 'hub-keys.json';

type Secrets = { privateKey: string; secret: string };

function writeSecrets(file: string, s: Secrets): void {
  writeFileSync(file, JSON.stringify(s), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
}

function readSecrets(file: string): Secrets {
  if (!existsSync(file)) {
    throw new HubRefusal(500, 'keys', `同步中心的密钥文件 ${file} 不在：请从首次启动本中心的数据目录把它复制过来（仅所有者可读，0600）；没有它，本中心不能签发令牌和同步包`);
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
}

/**
 * The hub's identity: an id and an Ed25519 public key (in the database, shared by every process of
 * it) and the private key and token secret (in `hub-keys.json`, readable by the hub's owner only —
 * never in the database, whose dumps and backups travel further). An older hub that kept them in the
 * database has them moved into the file on first start.
 */
export async function hubKeys(dir: string, q: Queryable): Promise<HubKeys> {
  const file = join(dir, KEY_FILE);
  const value = await metaValue(q, 'keys');
  if (value !== undefined) {
    const k = JSON.parse(value) as { hubId: string; publicKey: string } & Partial<Secrets>;
    if (k.privateKey && k.secret) {
      if (!existsSync(file)) writeSecrets(file, { privateKey: k.privateKey, secret: k.secret });
      await replaceMeta(q, 'keys', JSON.stringify({ hubId: k.hubId, publicKey: k.publicKey }));
    }
    const s = readSecrets(file);
    const derived = createPublicKey(createPrivateKey({ key: Buffer.from(s.privateKey, 'base64'), format: 'der', type: 'pkcs8' })).export({ type: 'spki', format: 'der' }).toString('base64');
    if (derived !== k.publicKey) throw new HubRefusal(500, 'keys', `密钥文件 ${file} 与本中心（${k.hubId}）的公钥不符：是另一个同步中心的密钥`);
    return { hubId: k.hubId, publicKey: k.publicKey, privateKey: s.privateKey, secret: Buffer.from(s.secret, 'base64') };
  }
  const pair = generateKeyPairSync('ed25519');
  const hubId = `hub-${randomBytes(4).toString('hex')}`;
  const publicKey = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  writeSecrets(file, { privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'), secret: randomBytes(32).toString('base64') });
  await addMeta(q, 'keys', JSON.stringify({ hubId, publicKey }));
  return hubKeys(dir, q);
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** A short-lived signed token naming a device (stateless; revocation is checked on every request). */
export function issueToken(secret: Buffer, deviceId: string, ttlMs: number, now = Date.now()): string {
  const payload = b64url(JSON.stringify({ d: deviceId, e: now + ttlMs }));
  return `${payload}.${b64url(createHmac('sha256', secret).update(payload).digest())}`;
}

/** The device a token names, or null when it is forged or expired. */
export function readToken(secret: Buffer, token: string, now = Date.now()): string | null {
  const [payload, sig] = token.split('.');
  if (!payload || !sig) return null;
  const want = createHmac('sha256', secret).update(payload).digest();
  const got = Buffer.from(sig, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
  try {
    const { d, e } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { d: string; e: number };
    return e > now ? d : null;
  } catch {
    return null;
  }
}

/** A one-use challenge for a device to sign (stateless: random, expiry, MAC). */
export function issueChallenge(secret: Buffer, now = Date.now()): string {
  const body = `${randomBytes(16).toString('hex')}.${now + 5 * 60_000}`;
  return `${body}.${b64url(createHmac('sha256', secret).update(`challenge|${body}`).digest())}`;
}

/** Whether a challenge is one this hub issued and has not expired (used or not). */
export function challengeValid(secret: Buffer, challenge: string, now = Date.now()): boolean {
  const parts = challenge.split('.');
  if (parts.length !== 3) return false;
  const body = `${parts[0]}.${parts[1]}`;
  const want = b64url(createHmac('sha256', secret).update(`challenge|${body}`).digest());
  return want === parts[2] && Number(parts[1]) > now;
}

/**
 * Takes a challenge for one signature only: valid, unexpired and never used before (kept until it
 * expires, so a replayed sign-in or state request is refused). False otherwise.
 */
export async function useChallenge(q: Queryable, secret: Buffer, challenge: string, now = Date.now()): Promise<boolean> {
  if (!challengeValid(secret, challenge, now)) return false;
  await forgetExpiredChallenges(q, new Date(now).toISOString());
  if (await challengeUsed(q, challenge)) return false;
  await noteChallengeUsed(q, challenge, new Date(Number(challenge.split('.')[1])).toISOString());
  return true;
}
