import type { ProposedFinding, Recording, Signature } from '../../../shared/api/inspections';
import { unansweredProblems, type Answers, type PhotoCounts } from '../../../shared/checklist/answers';
import type { TemplateDefinition } from '../../../shared/checklist/template';
import { idNumberProblem } from '../../../shared/domain/id-number';
import type { InspectionRow } from '../../store/inspections';

/** Problems of the header alone (also checked as the inspector types). */
export function headerProblems(i: Pick<InspectionRow, 'startedAt' | 'endedAt' | 'officers' | 'recorder' | 'place' | 'present'> & Partial<Pick<InspectionRow, 'recusal' | 'recusalNote' | 'source'>>): Record<string, string> {
  const p: Record<string, string> = {};
  if (i.officers.length < 2) p.officers = i.officers.length === 0 ? '请选择至少两名执法人员' : '还缺第二名执法人员（现场检查须两名以上执法人员）';
  for (const o of i.officers) if (!o.certificateNo) { p.officers = `执法人员${o.name}没有执法证号，不能作为检查人`; break; }
  if (!i.recorder) p.recorderId = '请选择记录人';
  if (!i.startedAt) p.startedAt = '请填写检查开始时间';
  if (!i.endedAt) p.endedAt = '请填写检查结束时间';
  else if (i.startedAt && i.endedAt <= i.startedAt) p.endedAt = '结束时间应晚于开始时间';
  if (!i.place.trim()) p.place = '请填写检查地点';
  if (!i.present.name.trim()) p['present.name'] = '请填写在场人姓名';
  if (i.present.idNumber) { const idp = idNumberProblem(i.present.idNumber); if (idp) p['present.idNumber'] = idp; }
  // A legal element of the record (issue 19): the party's answer to the recusal question, and how a request was handled.
  if (!i.recusal) p.recusal = '请记录被检查人对“是否申请回避”的答复';
  else if (i.recusal === '申请回避' && !i.recusalNote?.trim()) p.recusalNote = '被检查人申请回避：请记录处理情况（如 经批准更换执法人员后继续检查）';
  if (!i.source) p.source = '请选择检查来源（双随机、信访、督察交办、日常、专项）';
  return p;
}

/**
 * Every signature a record needs: the person present (or a refusal, noted with its reason and
 * evidenced by a witness's signature or by a recording of the refusal — issue 19; 行政处罚法 第四十七条:
 * 以文字、音像等形式对调查取证进行全过程记录), each officer, the recorder.
 */
export function signatureProblems(i: Pick<InspectionRow, 'officers' | 'recorder'>, signatures: Signature[], refusalRecorded = false): Record<string, string> {
  const p: Record<string, string> = {};
  const by = new Map(signatures.map((s) => [s.role, s]));
  const inspected = by.get('inspected');
  if (!inspected) p['signature:inspected'] = '被检查单位现场负责人尚未签名';
  else if (inspected.refusedReason && !by.get('witness')?.sha256 && !refusalRecorded) p['signature:witness'] = '当事人拒绝签名的，须由见证人签名，或附上拒绝签名过程的录音录像';
  for (const o of i.officers) if (!by.get(`officer:${o.personId}`)?.sha256) p[`signature:officer:${o.personId}`] = `检查人${o.name}尚未签名`;
  if (i.recorder && !by.get('recorder')?.sha256) p['signature:recorder'] = '记录人尚未签名';
  if (by.get('witness') && !by.get('witness')?.sha256) p['signature:witness'] = '见证人尚未签名';
  return p;
}

/** A finding to be raised needs a responsible unit, a named person and a deadline (责任到人). */
export function findingProblems(findings: ProposedFinding[]): Record<string, string> {
  const p: Record<string, string> = {};
  for (const f of findings) {
    if (!f.included) continue;
    const missing = [!f.responsibleUnit.trim() && '责任单位', !f.responsiblePerson.trim() && '责任人', !f.deadline && '整改时限'].filter(Boolean);
    if (missing.length) p[`finding:${f.itemId}`] = `问题“${f.description}”还缺${missing.join('、')}`;
  }
  return p;
}

/** Everything that keeps a draft from being finalized, keyed by header field, item id, signature or finding. */
export function finalizeProblems(
  def: TemplateDefinition, i: InspectionRow, answers: Answers, photos: PhotoCounts, signatures: Signature[], findings: ProposedFinding[],
  recordings: Pick<Recording, 'purpose'>[] = [],
): Record<string, string> {
  const refusalRecorded = recordings.some((r) => r.purpose === 'refusal');
  return { ...headerProblems(i), ...unansweredProblems(def, answers, photos), ...findingProblems(findings), ...signatureProblems(i, signatures, refusalRecorded) };
}
