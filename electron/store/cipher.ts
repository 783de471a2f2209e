import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import { SCRYPT } from '../../shared/auth/password-hash';

/*
 * The cryptography of protection at rest (issue 18). One random 256-bit workspace key opens the
 * database (SQLCipher 4 scheme, raw key) and, through HKDF, the evidence files; it is stored only
 * wrapped (AES-256-GCM) by keys derived from a person's password, a recovery code or the hub's
 * per-device secret — LUKS's key slots. Node's crypto throughout: no hand-written primitive.
 */

export const KEY_BYTES = 32;

export type Wrapped = { iv: string; data: string; tag: string };
export type KdfParams = { salt: string; N: number; r: number; p: number };

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number, opts: object) => Promise<Buffer>;

export function newWorkspaceKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Fresh scrypt parameters for a slot (OWASP's row, as the account verifiers). */
export function newKdf(): KdfParams {
  return { salt: randomBytes(16).toString('base64'), ...SCRYPT };
}

/** The key-encryption key of a secret (password, recovery code): 0.3 s and 128 MiB by design. */
export function deriveKek(secret: string, kdf: KdfParams): Promise<Buffer> {
  if (kdf.N > 2 ** 20 || kdf.r > 16 || kdf.p > 4) throw new Error('密钥槽的参数超出范围');
  return scryptAsync(secret.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), KEY_BYTES, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 512 * 1024 * 1024 });
}

/** AES-256-GCM with a fresh IV; `aad` binds the text to where it belongs (a slot's kind, a blob's name). */
export function seal(key: Buffer, plain: Buffer, aad = ''): Wrapped {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad));
  const data = Buffer.concat([c.update(plain), c.final()]);
  return { iv: iv.toString('base64'), data: data.toString('base64'), tag: c.getAuthTag().toString('base64') };
}

/** The plain bytes, or null when the key is wrong or a byte was changed. */
export function open(key: Buffer, w: Wrapped, aad = ''): Buffer | null {
  try {
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(w.iv, 'base64'));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(Buffer.from(w.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(w.data, 'base64')), d.final()]);
  } catch {
    return null;
  }
}

/** A key for one purpose derived from the workspace key (RFC 5869 HKDF-SHA256). */
export function subkey(key: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `qingshui-${purpose}-v1`, KEY_BYTES));
}

/** The PRAGMA that opens an SQLCipher 4 database with a raw key (`sqlcipher` opens it with the same). */
export function keyPragma(key: Buffer): string {
  return `key = "x'${key.toString('hex')}'"`;
}

const FILE_MAGIC = Buffer.from('QSE1');

/** A file's bytes encrypted: `QSE1` ‖ IV(12) ‖ ciphertext ‖ tag(16); `name` is bound as associated data. */
export function encryptFile(key: Buffer, plain: Uint8Array, name: string): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(name));
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([FILE_MAGIC, iv, body, c.getAuthTag()]);
}

export function isEncryptedFile(bytes: Uint8Array): boolean {
  return bytes.length >= 32 && Buffer.from(bytes.subarray(0, 4)).equals(FILE_MAGIC);
}

/** The plain bytes of an encrypted file, or null (wrong key, altered bytes). */
export function decryptFile(key: Buffer, bytes: Buffer, name: string): Buffer | null {
  if (!isEncryptedFile(bytes)) return null;
  try {
    const d = createDecipheriv('aes-256-gcm', key, bytes.subarray(4, 16));
    d.setAAD(Buffer.from(name));
    d.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([d.update(bytes.subarray(16, bytes.length - 16)), d.final()]);
  } catch {
    return null;
  }
}

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: read aloud and typed back

/** A recovery code: 25 characters (125 bits) in five groups, printed once. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(25);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % 32]);
  return [0, 5, 10, 15, 20].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/** A recovery code as typed (spaces, dashes, lower case) in its one form. */
export function normalizeRecoveryCode(code: string): string {
  const plain = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return plain.length === 25 ? [0, 5, 10, 15, 20].map((i) => plain.slice(i, i + 5)).join('-') : plain;
}
