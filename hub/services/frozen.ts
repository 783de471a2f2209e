import { isCanonicalJson } from '../../shared/inspection/document';
import type { Change } from '../../shared/sync/change';
import { winningValues, type FieldHeads } from '../../shared/sync/merge';
import { parentOf } from '../../shared/sync/roles';
import { finalizeWithoutText, isFinalizing } from '../../shared/sync/signed';
import type { RecordCache } from './record-cache';
import { sha256 } from './hash';
import { recordSignatureProblem } from './record-signature-check';
import { documentProblem, referencedDocument } from './document-check';

/** The rows a finalized inspection (定稿) was built from: frozen with it. */
const EVIDENCE: Record<string, string> = {
  inspection_answer: '答案', inspection_photo: '照片或其说明', inspection_recording: '录音录像', inspection_signature: '签名', inspection_finding: '复核的问题',
};

/**
 * Why the hub refuses this change to a signed record's evidence, or null (DESIGN §5, §11): once an
 * inspection is finalized at the hub, its answers, photos, captions, signatures and reviewed findings
 * never change — a correction travels only as the new version that supersedes it. A record whose
 * text does not hash to the hash it carries is refused too.
 */
export async function frozenRefusal(records: RecordCache, c: Change, heads: FieldHeads): Promise<string | null> {
  // A log is appended to, never edited (DESIGN §5): an event once taken is not changed or deleted; documents are checked as signed.
  if (c.entity === 'record_event') {
    if (Object.keys(heads).length) {
      // The same event again (a restored laptop re-sending what the hub took) is agreement, not an edit.
      const held = winningValues(heads);
      const same = Object.entries(c.fields).every(([f, v]) => JSON.stringify(held[f] ?? null) === JSON.stringify(v ?? null));
      return same ? null : '处理记录一经写入不能修改或删除（更正请追加新的记录），已拒收';
    }
    // A penalty decided, or a document served, names a document of the same case file the hub holds (issue 19).
    const ref = referencedDocument(c);
    if (ref !== null) {
      if (!ref) return c.fields.kind === 'served' ? '送达记录未指明所送达的文书，已拒收' : '行政处罚决定须以案卷中的《行政处罚决定书》作出，已拒收';
      const row = await records.get('record_event', ref);
      const doc = row ? winningValues(JSON.parse(row.heads) as FieldHeads) : null;
      if (!doc || doc.streamId !== c.fields.streamId || doc.kind !== 'document') return '所指的执法文书本中心没有（或不在本案卷中），已拒收';
    }
    return documentProblem(c);
  }
  if (c.entity === 'inspection_record') {
    const canonical = c.fields.canonical ?? heads.canonical?.[0]?.v;
    const hash = c.fields.sha256 ?? heads.sha256?.[0]?.v;
    if (typeof canonical === 'string' && typeof hash === 'string' && sha256(Buffer.from(canonical)) !== hash) {
      return '定稿检查记录的内容与其 SHA-256 不符（记录已被改动），已拒收';
    }
    // Signed at 定稿 by its device, naming the account (issue 18): a signature that does not hold is refused.
    const signatureProblem = recordSignatureProblem(c.fields);
    if (signatureProblem) return signatureProblem;
    // The signed text is the evidence itself: one text per document (a repeated key could say two things).
    if (typeof c.fields.canonical === 'string' && !isCanonicalJson(c.fields.canonical)) return '定稿检查记录的签署文本不是规范 JSON（RFC 8785），已拒收';
    // A signed record comes with its inspection's finalization, never for one finalized already.
    if (!Object.keys(heads).length) {
      const row = await records.get('inspection', c.entityId);
      const inspection = row ? JSON.parse(row.heads) as FieldHeads : null;
      if (inspection && typeof inspection.sha256?.[0]?.v === 'string') return '该检查记录已定稿并有其签署文本，另一份已拒收';
    }
    return null;
  }
  // 定稿 follows its signed text (the laptop logs the text, then the state): the text must be here, with this hash.
  if (isFinalizing(c.entity, c.fields)) {
    const row = await records.get('inspection_record', c.entityId);
    return finalizeWithoutText(c.fields, row ? (JSON.parse(row.heads) as FieldHeads).sha256?.[0]?.v : null);
  }
  const what = EVIDENCE[c.entity];
  if (!what) return null;
  const current = winningValues(heads);
  const known = Object.keys(heads).length > 0;
  // Evidence belongs to one inspection for good: moved to another, it would leave a signed record's rows.
  if (known && 'inspectionId' in c.fields && c.fields.inspectionId !== current.inspectionId) return `${what}不能改属另一份检查记录，已拒收`;
  const parent = parentOf(c.entity, c.entityId, { ...current, ...c.fields });
  if (!parent) return null;
  const row = await records.get('inspection', parent.id);
  // Evidence arrives after its inspection (the laptop writes them in that order): one of no inspection is refused.
  if (!row) return `引用的检查记录 ${parent.id} 在本中心不存在，已拒收`;
  const inspection = JSON.parse(row.heads) as FieldHeads;
  // Frozen by its hash, whatever its state says (a 'draft' state cannot thaw a signed record).
  if (typeof inspection.sha256?.[0]?.v !== 'string') return null;
  return `该检查记录已定稿，其${what}不能再修改（更正应另立新版本），已拒收`;
}
