import type { Database } from 'better-sqlite3';
import { IssuedDocument, type EnforcementDocument } from '../../shared/enforcement/document';
import { isCanonicalJson } from '../../shared/inspection/document';
import { sha256Of } from './blob-store';
import { allDocumentEvents } from './case-documents';
import { documentSignatureHolds } from './record-signing';

/** Why a document event's frozen text or its signature does not hold, or null. */
export function issuedProblem(data: Record<string, unknown>, caseId: string): string | null {
  const parsed = IssuedDocument.safeParse(data);
  if (!parsed.success) return '文书数据不完整';
  const d = parsed.data;
  if (!isCanonicalJson(d.canonical)) return '文书文本不是规范 JSON（RFC 8785）';
  if (sha256Of(d.canonical) !== d.sha256) return '文书内容与其 SHA-256 不符（已被改动）';
  const doc = JSON.parse(d.canonical) as EnforcementDocument;
  if (doc.caseId !== caseId || doc.chain?.seq !== d.seq || doc.chain?.prev !== d.prev || doc.kind !== d.kind || doc.number !== d.number) return '文书文本与其案卷位置不符';
  if (!documentSignatureHolds({ sha256: d.sha256, signer: d.signer, caseId, seq: d.seq, signerKey: d.signerKey, signature: d.signature })) return '文书的设备签名与其内容不符';
  return null;
}

/**
 * Checks every enforcement document (issue 19): its text against its hash and device signature, and
 * each case file's chain (the n-th document follows the (n−1)-th by its hash). Adds what it finds.
 */
export function verifyDocuments(db: Database, report: { documents: number; problems: { kind: 'record' | 'blob' | 'chain' | 'template'; id: string; message: string }[] }): void {
  let last = null as { caseId: string; seq: number; sha: string } | null;
  const numbers = new Map<string, string[]>();
  for (const e of allDocumentEvents(db)) {
    report.documents++;
    const data = JSON.parse(e.data) as Record<string, unknown>;
    const p = issuedProblem(data, e.caseId);
    if (p) { report.problems.push({ kind: 'record', id: e.id, message: `案件 ${e.caseId} 的执法文书 ${String(data.number ?? '') || e.id}：${p}` }); continue; }
    const d = data as unknown as IssuedDocument;
    if (d.number) numbers.set(`${d.kind}|${d.number}`, [...(numbers.get(`${d.kind}|${d.number}`) ?? []), e.id]);
    if (last?.caseId !== e.caseId) last = null;
    if (last ? d.seq !== last.seq + 1 || d.prev !== last.sha : d.seq !== 1) {
      report.problems.push({ kind: 'chain', id: e.id, message: `案件 ${e.caseId} 的文书链在第 ${d.seq} 份处与前一份不相接：前面的文书已被改动或删除` });
    }
    last = { caseId: e.caseId, seq: d.seq, sha: d.sha256 };
  }
  // Two laptops offline may give one 文号 twice: a frozen document is not renumbered, so it is named for the legal office to settle.
  for (const [key, ids] of numbers) {
    if (ids.length > 1) report.problems.push({ kind: 'record', id: ids[1], message: `文号 ${key.split('|')[1]} 被 ${ids.length} 份文书使用（离线时在不同电脑上编号）：请法制部门核定，作废重号的文书并重新制作` });
  }
}
