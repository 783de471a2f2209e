import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { passwordHasher, type HashDeps } from '../../../shared/auth/password-hash';

/** A laptop's password and PIN verifiers: the hub's scheme (shared/auth/password-hash) on Node's crypto. */
export const { hashPassword, passwordMatches, outdated, decoyHash } = passwordHasher({
  scrypt: promisify(scrypt) as unknown as HashDeps['scrypt'], randomBytes, timingSafeEqual, fromBase64: (s) => Buffer.from(s, 'base64'),
});
