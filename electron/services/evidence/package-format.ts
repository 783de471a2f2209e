import { createHash } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import type { InspectionDocument } from '../../../shared/inspection/document';
import type { RecordReceipt } from '../../../shared/inspection/record-signature';
import { sniffEvidenceType } from '../../../shared/domain/file-type';

/*
 * A self-contained evidence package of one finalized record (issue 18), for a court or a reviewing
 * office: `qingshui evidence verify FILE.zip` checks it on any machine, without the workspace.
 *   record.json     the signed text itself (RFC 8785 canonical JSON), byte for byte
 *   signature.json  the account that signed it, its device's public key and Ed25519 signature
 *   receipt.json    the hub's countersigned receipt (when the record has reached the hub)
 *   hub-key.json    the hub's public key and its SHA-256 fingerprint (compare with the bureau's)
 *   files/…         every photo, thumbnail, recording and signature image the record names, under its SHA-256
 *   manifest.json, 说明.txt   derived from the above only
 * The zip is built deterministically (stored, fixed times, fixed order), so verification rebuilds it
 * from what it read and compares every byte: a byte changed anywhere in the file is found.
 */

export const EVIDENCE_FORMAT = 'qingshui-evidence-v1';
const FIXED_TIME = new Date('2000-01-01T00:00:00Z');

export type SignatureFile = { account: string; publicKey: string; signature: string; node: string; chainSeq: number; sha256: string };
export type HubKeyFile = { hubId: string; publicKey: string; fingerprint: string };
export type EvidenceParts = {
  record: string; signature: SignatureFile | null; receipt: (RecordReceipt & { signature: string }) | null; hubKey: HubKeyFile | null;
  files: Map<string, Uint8Array>; // sha256 → bytes
};

export const sha256Hex = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** A public key's fingerprint as printed beside it: SHA-256 of its DER, in pairs. */
export function keyFingerprint(publicKey: string): string {
  return sha256Hex(Buffer.from(publicKey, 'base64')).toUpperCase().match(/../g)!.join(':');
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/heic': 'heic', 'application/pdf': 'pdf',
  'video/mp4': 'mp4', 'audio/mp4': 'm4a', 'audio/mpeg': 'mp3', 'audio/aac': 'aac', 'audio/wav': 'wav',
};

/** What a file's bytes are, for its name in the package (its type proved when it was kept). */
function extensionOf(bytes: Uint8Array): string {
  return EXTENSIONS[sniffEvidenceType(bytes.subarray(0, 64)) ?? ''] ?? 'bin';
}

/** Every file the record names (photos, their thumbnails, recordings, signature images). */
export function filesNamedBy(doc: InspectionDocument): string[] {
  const shas = [
    ...doc.photos.flatMap((p) => [p.sha256, p.thumbSha256]), ...(doc.recordings ?? []).map((r) => r.sha256),
    ...doc.signatures.flatMap((s) => (s.sha256 ? [s.sha256] : [])),
  ];
  return [...new Set(shas.filter((s): s is string => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s)))].sort();
}

const pick = <T extends object>(o: T, keys: (keyof T)[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));
const json = (v: unknown) => new TextEncoder().encode(`${JSON.stringify(v, null, 2)}\n`);

/** The package's entries in their one order, each derived from the parts only. */
export function evidenceEntries(p: EvidenceParts): [string, Uint8Array][] {
  const doc = JSON.parse(p.record) as InspectionDocument;
  const sha256 = sha256Hex(p.record);
  const fileEntries = [...p.files.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([sha, bytes]) => [`files/${sha}.${extensionOf(bytes)}`, bytes] as [string, Uint8Array]);
  const body: [string, Uint8Array][] = [
    ['record.json', new TextEncoder().encode(p.record)],
    // Written in one key order whatever order they were read in (the package is rebuilt to be checked).
    ...(p.signature ? [['signature.json', json(pick(p.signature, ['account', 'publicKey', 'signature', 'node', 'chainSeq', 'sha256']))] as [string, Uint8Array]] : []),
    ...(p.receipt ? [['receipt.json', json(pick(p.receipt, ['hubId', 'inspectionId', 'sha256', 'hubSeq', 'receivedAt', 'signature']))] as [string, Uint8Array]] : []),
    ...(p.hubKey ? [['hub-key.json', json(pick(p.hubKey, ['hubId', 'publicKey', 'fingerprint']))] as [string, Uint8Array]] : []),
    ...fileEntries,
  ];
  const manifest = { format: EVIDENCE_FORMAT, inspectionId: doc.id, sha256, files: body.map(([name, bytes]) => ({ name, size: bytes.length, sha256: sha256Hex(bytes) })) };
  return [['manifest.json', json(manifest)], ['说明.txt', new TextEncoder().encode(readme(doc, sha256, p))], ...body];
}

export function packEvidence(entries: [string, Uint8Array][]): Uint8Array {
  const zip: Zippable = {};
  for (const [name, bytes] of entries) zip[name] = [bytes, { level: 0, mtime: FIXED_TIME }];
  return zipSync(zip, { level: 0, mtime: FIXED_TIME });
}

/** The human-readable account of the package: what it holds and how it is checked. */
function readme(doc: InspectionDocument, sha256: string, p: EvidenceParts): string {
  const officers = doc.officers.map((o) => `${o.name}（执法证 ${o.certificateNo ?? '—'}）`).join('、');
  const lines = [
    '清水 · 现场检查笔录证据包',
    '',
    `检查对象：${doc.target.name}（${doc.target.address || '—'}）`,
    `检查时间：${doc.startedAt ?? '—'} 至 ${doc.endedAt ?? '—'}；地点：${doc.place || '—'}`,
    `执法人员：${officers || '—'}`,
    `定稿时间：${doc.finalizedAt}`,
    `记录编号：${doc.id}${doc.supersedes ? `（更正 ${doc.supersedes}：${doc.correctionReason ?? ''}）` : ''}`,
    `记录 SHA-256：${sha256}`,
    // The wording of packages made before recordings is kept: a package is checked by rebuilding it byte for byte.
    `照片${doc.recordings?.length ? '、录音录像' : ''}与签名文件：${p.files.size} 个（files/ 下，以其 SHA-256 命名）`,
    ...(doc.recordings?.length ? [`其中录音录像 ${doc.recordings.length} 个：${doc.recordings.map((r) => `${r.fileName}（${r.purpose === 'refusal' ? '拒绝签名过程' : '现场'}，SHA-256 ${r.sha256.slice(0, 12)}…）`).join('；')}`] : []),
    '',
    '一、电子签名',
    p.signature
      ? `定稿时由账号“${p.signature.account}”在设备 ${p.signature.node} 上签署（记录链第 ${p.signature.chainSeq} 条），Ed25519 签名，设备公钥指纹 ${keyFingerprint(p.signature.publicKey)}。`
      : '本记录定稿于电子签名启用之前，没有设备签名；其完整性以同步中心回执和 SHA-256 为准。',
    '',
    '二、同步中心回执',
    p.receipt && p.hubKey
      ? `同步中心 ${p.hubKey.hubId} 于 ${p.receipt.receivedAt} 收到本记录（中心第 ${p.receipt.hubSeq} 号变更），以其私钥签署回执。中心公钥指纹：${p.hubKey.fingerprint}（请与本局公布的指纹核对）。`
      : '本记录尚无同步中心回执（导出时尚未同步到中心）。',
    '',
    '三、如何核验',
    '在任一装有清水的电脑上运行：qingshui evidence verify 本文件.zip',
    '核验内容：record.json 的 SHA-256；设备签名；中心回执签名及其所载哈希；每个照片与签名文件的 SHA-256 及其是否为记录所列；包内每个字节（按同一规则重建后逐字节比对）。',
    '也可手工核验：sha256sum record.json 应得上面的记录 SHA-256；签名所签文本为 qingshui-record-v1|哈希|账号|设备|链序号，回执为 qingshui-receipt-v1|中心|记录编号|哈希|中心序号|收到时间（RFC 8032 Ed25519，公钥为 SPKI DER 的 Base64）。',
    '',
  ];
  return lines.join('\n');
}
