import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { passwordHasher, type HashDeps } from '../../shared/auth/password-hash';

/** The hub's password hashing: the shared scheme on Node's crypto. */
export const { hashPassword, passwordMatches, outdated, decoyHash } = passwordHasher({
  scrypt: promisify(scrypt) as unknown as HashDeps['scrypt'], randomBytes, timingSafeEqual, fromBase64: (s) => Buffer.from(s, 'base64'),
});
