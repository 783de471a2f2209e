import { createHmac, generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from './db/hub-db';

export type HubKeys = { hubId: string; publicKey: string; privateKey: string; secret: Buffer };

/** The hub's identity: an id, an Ed25519 key pair (signs bundles) and a token secret, made once. */
export async function hubKeys(q: Queryable): Promise<HubKeys> {
  const row = await q.one<{ value: string }>("SELECT value FROM hub_meta WHERE key = 'keys'");
  if (row) {
    const k = JSON.parse(row.value) as Omit<HubKeys, 'secret'> & { secret: string };
    return { ...k, secret: Buffer.from(k.secret, 'base64') };
  }
  const pair = generateKeyPairSync('ed25519');
  const keys = {
    hubId: `hub-${randomBytes(4).toString('hex')}`,
    publicKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    secret: randomBytes(32).toString('base64'),
  };
  await q.run("INSERT INTO hub_meta (key, value) VALUES ('keys', $1) ON CONFLICT (key) DO NOTHING", [JSON.stringify(keys)]);
  return hubKeys(q);
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
  await q.run('DELETE FROM used_challenges WHERE expires_at < $1', [new Date(now).toISOString()]);
  if (await q.one('SELECT 1 AS used FROM used_challenges WHERE challenge = $1', [challenge])) return false;
  await q.run('INSERT INTO used_challenges (challenge, expires_at) VALUES ($1, $2) ON CONFLICT (challenge) DO NOTHING', [challenge, new Date(Number(challenge.split('.')[1])).toISOString()]);
  return true;
}
