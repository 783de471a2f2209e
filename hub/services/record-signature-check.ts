import { createPublicKey, verify } from 'node:crypto';
import { recordSigningText } from '../../shared/inspection/record-signature';

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
