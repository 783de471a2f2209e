import { readFileSync, statSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { z } from 'zod';
import { DomainError } from '../../../shared/api/result';
import type { InspectionDocument } from '../../../shared/inspection/document';
import { receiptText, recordSigningText } from '../../../shared/inspection/record-signature';
import { signatureHolds } from '../../store/record-signing';
import { EVIDENCE_FORMAT, evidenceEntries, filesNamedBy, keyFingerprint, packEvidence, sha256Hex, type EvidenceParts } from './package-format';

/*
 * `qingshui evidence verify FILE.zip` (issue 18): everything a court needs checked, from the package
 * alone. Bounded before anything is inflated: the file's size, the number of entries, each entry's size.
 */

const MAX_FILE = 2 * 1024 * 1024 * 1024;
const MAX_ENTRIES = 5000;
const MAX_ENTRY = 256 * 1024 * 1024;

export type EvidenceReport = {
  /** Everything in the package agrees with itself (hashes, signature, receipt, every byte). */
  ok: boolean;
  /**
   * The receipt holds with the hub key named by the verifier (`--hub-key`, the fingerprint the bureau
   * publishes): only then is the record proved to be what the bureau's hub received. Keys carried in the
   * package alone prove nothing against someone who made new ones.
   */
  anchored: boolean; inspectionId: string | null; sha256: string | null; target: string | null; finalizedAt: string | null;
  signature: { account: string; holds: boolean; keyFingerprint: string } | null;
  receipt: { hubId: string; hubSeq: number; receivedAt: string; holds: boolean; hubKeyFingerprint: string } | null;
  files: number; problems: string[];
};

const SignatureFile = z.object({ account: z.string(), publicKey: z.string(), signature: z.string(), node: z.string(), chainSeq: z.number().int(), sha256: z.string() });
const ReceiptFile = z.object({ hubId: z.string(), inspectionId: z.string(), sha256: z.string(), hubSeq: z.number().int(), receivedAt: z.string(), signature: z.string() });
const HubKeyFile = z.object({ hubId: z.string(), publicKey: z.string(), fingerprint: z.string() });

function entriesOf(file: string): Map<string, Uint8Array> {
  const size = statSync(file).size;
  if (size > MAX_FILE) throw new DomainError('invalid', `文件过大（${(size / 1024 ** 3).toFixed(1)} GB），不是清水证据包`);
  let count = 0;
  try {
    const entries = unzipSync(readFileSync(file), {
      filter: (f) => {
        if (++count > MAX_ENTRIES) throw new Error('too many entries');
        if (f.originalSize > MAX_ENTRY || f.compression !== 0) throw new Error(`entry ${f.name}`);
        return true;
      },
    });
    return new Map(Object.entries(entries));
  } catch {
    throw new DomainError('invalid', '证据包无法读取：不是 zip 文件、已损坏，或不是清水生成的证据包（条目过多、过大或经过压缩）');
  }
}

/**
 * Checks an evidence package; every problem found is named (nothing is thrown for a failed check).
 * `hubKey`: the fingerprint of the bureau's hub key, as published (`qingshui hub` prints it).
 */
export function verifyEvidencePackage(file: string, trustedHubKey?: string): EvidenceReport {
  const entries = entriesOf(file);
  const problems: string[] = [];
  const text = (name: string) => { const b = entries.get(name); return b ? new TextDecoder().decode(b) : null; };
  const parsed = <T>(name: string, schema: z.ZodType<T>): T | null => {
    const t = text(name);
    if (t === null) return null;
    try { const r = schema.safeParse(JSON.parse(t)); if (r.success) return r.data; } catch { /* below */ }
    problems.push(`${name} 格式不对`);
    return null;
  };
  const report: EvidenceReport = { ok: false, anchored: false, inspectionId: null, sha256: null, target: null, finalizedAt: null, signature: null, receipt: null, files: 0, problems };
  const record = text('record.json');
  if (record === null) { problems.push('证据包中没有 record.json（检查记录）'); return report; }
  const manifest = parsed('manifest.json', z.object({ format: z.literal(EVIDENCE_FORMAT), sha256: z.string() }).passthrough());
  let doc: InspectionDocument;
  try { doc = JSON.parse(record) as InspectionDocument; } catch { problems.push('record.json 不是有效的 JSON：记录已被改动'); return report; }
  const sha256 = sha256Hex(record);
  Object.assign(report, { inspectionId: doc.id, sha256, target: doc.target?.name ?? null, finalizedAt: doc.finalizedAt ?? null });
  if (manifest && manifest.sha256 !== sha256) problems.push(`记录的 SHA-256 为 ${sha256}，与清单所载 ${manifest.sha256} 不符：记录已被改动`);

  const signature = parsed('signature.json', SignatureFile);
  if (signature) {
    const holds = signature.sha256 === sha256 && signatureHolds(signature.publicKey, recordSigningText({ sha256, signer: signature.account, node: signature.node, chainSeq: signature.chainSeq }), signature.signature);
    report.signature = { account: signature.account, holds, keyFingerprint: keyFingerprint(signature.publicKey) };
    if (!holds) problems.push('设备签名与记录不符：记录在签署后被改动，或签名是伪造的');
  }
  const receipt = parsed('receipt.json', ReceiptFile);
  const hubKey = parsed('hub-key.json', HubKeyFile);
  if (receipt) {
    const holds = Boolean(hubKey && hubKey.hubId === receipt.hubId && receipt.inspectionId === doc.id && receipt.sha256 === sha256
      && signatureHolds(hubKey.publicKey, receiptText(receipt), receipt.signature));
    report.receipt = { hubId: receipt.hubId, hubSeq: receipt.hubSeq, receivedAt: receipt.receivedAt, holds, hubKeyFingerprint: hubKey ? keyFingerprint(hubKey.publicKey) : '' };
    if (!holds) problems.push('同步中心回执与记录不符：记录在送达中心后被改动，或回执、中心公钥被替换');
    if (hubKey && hubKey.fingerprint !== keyFingerprint(hubKey.publicKey)) problems.push('hub-key.json 中的指纹与公钥不符');
  }
  if (!signature && !receipt) problems.push('既无设备签名也无同步中心回执：只能核对 SHA-256，无法证明记录未被重算哈希');

  // Every file the record names, present under its SHA-256; nothing else.
  const files = new Map<string, Uint8Array>();
  for (const sha of filesNamedBy(doc)) {
    const name = [...entries.keys()].find((n) => n.startsWith(`files/${sha}.`));
    const bytes = name ? entries.get(name)! : null;
    if (!bytes) problems.push(`记录所列文件 ${sha.slice(0, 12)}… 不在证据包中`);
    else if (sha256Hex(bytes) !== sha) problems.push(`文件 ${name} 的内容与其 SHA-256 不符：已被改动`);
    else files.set(sha, bytes);
  }
  report.files = files.size;
  const extra = [...entries.keys()].filter((n) => n.startsWith('files/') && !filesNamedBy(doc).some((sha) => n.startsWith(`files/${sha}.`)));
  for (const n of extra) problems.push(`证据包中多出记录未列的文件 ${n}`);

  // The package rebuilt from what was read: any byte changed elsewhere (说明, 清单, zip structure) shows here.
  if (!problems.length) {
    const parts: EvidenceParts = { record, signature, receipt, hubKey, files };
    const rebuilt = packEvidence(evidenceEntries(parts));
    if (!Buffer.from(rebuilt).equals(readFileSync(file))) problems.push('证据包的说明、清单或文件结构与其内容不符：包已被改动');
  }
  if (trustedHubKey !== undefined) {
    const want = trustedHubKey.replace(/[^0-9a-f]/gi, '').toUpperCase();
    const have = report.receipt?.hubKeyFingerprint.replace(/:/g, '') ?? '';
    if (!report.receipt) problems.push('证据包没有同步中心回执，无法与给定的中心公钥核对');
    else if (want !== have) problems.push(`证据包所载中心公钥指纹 ${report.receipt.hubKeyFingerprint} 与给定的 ${trustedHubKey} 不符：回执不是本局同步中心签署的`);
  }
  report.ok = problems.length === 0;
  report.anchored = report.ok && trustedHubKey !== undefined && Boolean(report.receipt?.holds);
  return report;
}
