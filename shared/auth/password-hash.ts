import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

/**
 * Password hashing for the hub's accounts and a laptop's sign-in verifiers: scrypt with N = 2^17,
 * r = 8, p = 1 (OWASP Password Storage Cheat Sheet's scrypt row), parameters stored beside each hash
 * (`scrypt$N$r$p$salt$hash`); a hash made with weaker ones is upgraded at the account's next sign-in.
 * Each hash takes 128 MiB, so at most two are computed at once. (Node only: not for the renderer.)
 */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 };
const MAXMEM = 256 * 1024 * 1024;
const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((ok) => waiting.push(ok));
  running++;
  try { return await fn(); } finally { running--; waiting.shift()?.(); }
}

/** A new salted hash of a password (or PIN). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await limited(() => scrypt(password, salt, 32, { ...SCRYPT, maxmem: MAXMEM }));
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Whether a password matches a stored hash (constant time; a malformed hash matches nothing). */
export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  const want = Buffer.from(hash ?? '', 'base64');
  if (kind !== 'scrypt' || !want.length || !salt) return false;
  const got = await limited(() => scrypt(password, Buffer.from(salt, 'base64'), want.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM }));
  return timingSafeEqual(got, want);
}

/** Whether a stored hash was made with weaker parameters than today's (it is rehashed at the next sign-in). */
export function outdated(stored: string): boolean {
  const [, n, r, p] = stored.split('$');
  return Number(n) < SCRYPT.N || Number(r) < SCRYPT.r || Number(p) < SCRYPT.p;
}

/** A hash of no one's password, to spend the same time on an unknown account as on a known one. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
