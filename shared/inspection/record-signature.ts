/*
 * What is signed about a finalized record (issue 18), as text both ends rebuild byte for byte:
 * - the device's signature at 定稿 names the signing account, the record's hash and its place in the
 *   device's chain: `qingshui-record-v1|<sha256>|<account>|<node>|<chainSeq>`;
 * - the hub's receipt, when it takes the record, names the hub, the record, the hash, the hub's own
 *   sequence number and time: `qingshui-receipt-v1|<hubId>|<inspectionId>|<sha256>|<hubSeq>|<receivedAt>`.
 * Both are Ed25519 (RFC 8032) over the UTF-8 of that text; keys are SPKI DER in base64.
 */

export type RecordSignature = { sha256: string; signer: string; node: string; chainSeq: number };
export type RecordReceipt = { hubId: string; inspectionId: string; sha256: string; hubSeq: number; receivedAt: string };

export function recordSigningText(r: RecordSignature): string {
  return `qingshui-record-v1|${r.sha256}|${r.signer}|${r.node}|${r.chainSeq}`;
}

export function receiptText(r: RecordReceipt): string {
  return `qingshui-receipt-v1|${r.hubId}|${r.inspectionId}|${r.sha256}|${r.hubSeq}|${r.receivedAt}`;
}

/** Who signs when no account is signed in (a command run as this computer's user, the demo). */
export const PROGRAM_SIGNER = '本机程序';
