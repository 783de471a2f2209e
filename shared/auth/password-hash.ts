/**
 * Password hashing for the hub's accounts and a laptop's sign-in verifiers: scrypt with N = 2^17,
 * r = 8, p = 1 (OWASP Password Storage Cheat Sheet's scrypt row), parameters stored beside each hash
 * (`scrypt$N$r$p$salt$hash`); a hash made with weaker ones is upgraded at the account's next sign-in.
 * Each hash takes 128 MiB, so at most two are computed at once. The hosts hand in Node's crypto
 * (shared/ imports no Node module): `passwordHasher(nodeCrypto)`.
 */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 };
const MAXMEM = 256 * 1024 * 1024;

type Bytes = Uint8Array & { toString(encoding: 'base64' | 'hex'): string };
export type HashDeps = {
  scrypt(password: string, salt: Uint8Array, length: number, opts: { N: number; r: number; p: number; maxmem: number }): Promise<Bytes>;
  randomBytes(n: number): Bytes;
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
  fromBase64(s: string): Bytes;
};

export function passwordHasher(d: HashDeps) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const limited = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (running >= 2) await new Promise<void>((ok) => waiting.push(ok));
    running++;
    try { return await fn(); } finally { running--; waiting.shift()?.(); }
  };
  /** A new salted hash of a password (or PIN). */
  const hashPassword = async (password: string): Promise<string> => {
    const salt = d.randomBytes(16);
    const hash = await limited(() => d.scrypt(password, salt, 32, { ...SCRYPT, maxmem: MAXMEM }));
    return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
  };
  /** Whether a password matches a stored hash (constant time; a malformed hash matches nothing). */
  const passwordMatches = async (password: string, stored: string): Promise<boolean> => {
    const [kind, n, r, p, salt, hash] = stored.split('$');
    const want = d.fromBase64(hash ?? '');
    if (kind !== 'scrypt' || !want.length || !salt) return false;
    const got = await limited(() => d.scrypt(password, d.fromBase64(salt), want.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM }));
    return d.timingSafeEqual(got, want);
  };
  let decoy: Promise<string> | null = null;
  return {
    hashPassword,
    passwordMatches,
    /** Whether a stored hash was made with weaker parameters than today's (it is rehashed at the next sign-in). */
    outdated(stored: string): boolean {
      const [, n, r, p] = stored.split('$');
      return Number(n) < SCRYPT.N || Number(r) < SCRYPT.r || Number(p) < SCRYPT.p;
    },
    /** A hash of no one's password, to spend the same time on an unknown account as on a known one. */
    decoyHash(): Promise<string> {
      decoy ??= hashPassword(d.randomBytes(16).toString('hex'));
      return decoy;
    },
  };
}
