import { createPublicKey, verify } from 'node:crypto';
import type { Change } from '../../shared/sync/change';
import { PROGRAM_SIGNER, recordSigningText } from '../../shared/inspection/record-signature';
import { deviceById } from '../db/devices';
import type { Queryable } from '../db/hub-db';
import { accountsOfDevice } from '../db/users';
import type { Author } from './accounts';
import { issuedOf } from './document-check';

/**
 * Why a signed record's device signature does not hold, or null (issue 18). A record carries the
 * account, its device's public key and the Ed25519 signature over `qingshui-record-v1|…`; one without
 * a signature is a record made before signing existed (taken, its receipt still anchors it).
 */
export function recordSignatureProblem(f: Record<string, unknown>): string | null {
  const { signature, signerKey, signer, sha256, node, chainSeq } = f;
  if (signature === undefined && signerKey === undefined && signer === undefined) return null;
  if (typeof signature !== 'string' || typeof signerKey !== 'string' || typeof signer !== 'string' || typeof sha256 !== 'string' || typeof node !== 'string' || typeof chainSeq !== 'number') {
    return '定稿检查记录的电子签名不完整（须有签署账号、设备公钥和签名），已拒收';
  }
  try {
    const key = createPublicKey({ key: Buffer.from(signerKey, 'base64'), format: 'der', type: 'spki' });
    if (verify(null, Buffer.from(recordSigningText({ sha256, signer, node, chainSeq })), key, Buffer.from(signature, 'base64'))) return null;
  } catch { /* not a key */ }
  return '定稿检查记录的设备签名与其内容不符（记录被改动后重算了哈希，或签名伪造），已拒收';
}

/**
 * Why a pushed record's signature is not this device's, or null (issue 18): it must be made with the
 * key the device enrolled with, naming an account tied to the device (its
 * enroller or one that signed in there) or the program itself. Another enrolled laptop cannot put in a
 * record "signed by the 局长". (Only on push: an administrator's release is their decision.)
 */
export async function signerBindingProblem(q: Queryable, who: Author, c: Change): Promise<string | null> {
  // An enforcement document (issue 19) is bound to its device and account the same way.
  const signed = c.entity === 'inspection_record' ? c.fields : issuedOf(c);
  if (!signed || typeof signed.signature !== 'string' || !who.deviceId) return null;
  const what = c.entity === 'inspection_record' ? '定稿检查记录' : '执法文书';
  const device = await deviceById(q, who.deviceId);
  if (!device || signed.signerKey !== device.publicKey) return `${what}不是用推送它的设备登记的密钥签署的，已拒收`;
  const signer = signed.signer;
  if (signer !== PROGRAM_SIGNER && signer !== device.user && !(await accountsOfDevice(q, device.id)).includes(String(signer))) {
    return `${what}署名的账号“${String(signer)}”没有在推送它的设备上登录过，已拒收`;
  }
  return null;
}
