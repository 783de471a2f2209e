import { maskIdNumber, maskPhone } from '../../../shared/auth/mask';
import { fieldAsSeen, seesPersonalInfo } from '../personal-info';
import type { Inspection } from '../../../shared/api/inspections';
import { DomainError } from '../../../shared/api/result';
import type { Answers, PhotoCounts } from '../../../shared/checklist/answers';
import { withTargetLimits } from '../../../shared/checklist/limits';
import { getTemplate } from '../../store/checklists';
import { answersOf, getInspectionRow, photosOf, recordingsOf, recordOf, reviewedFindingsOf, signaturesOf, signedTextHash, supersededByOf, type InspectionRow } from '../../store/inspections';
import type { ServiceContext } from '../context';
import { finalizeProblems } from './problems';
import { proposedFindings } from './proposals';
import { openProblemsFor, recheckProblems } from './recheck';
import { receiptHolds, receiptOf, recordSignatureHolds } from '../../store/record-signing';
import { readSyncState } from '../../store/sync-state';
import { keyFingerprint } from '../evidence/index';

/** An inspection that exists and is not discarded. */
export function mustGetInspection(ctx: ServiceContext, id: string): InspectionRow {
  const i = getInspectionRow(ctx.store.db, id);
  if (!i || i.deleted) throw new DomainError('not_found', '未找到该检查记录');
  return i;
}

/** A draft inspection; a finalized one is a legal record and is refused with `immutable`. */
export function mustGetDraft(ctx: ServiceContext, id: string): InspectionRow {
  const i = mustGetInspection(ctx, id);
  if (i.state !== 'draft') throw new DomainError('immutable', '检查记录已定稿，是法律文书，不能再修改；如有错误，请创建更正版本');
  // Signed on another laptop, its 定稿 state still on the way (the next sync brings it): editing now would
  // make this copy differ from what was signed.
  if (signedTextHash(ctx.store.db, id) !== null) throw new DomainError('immutable', '该检查记录已在另一台设备上定稿签署，定稿状态尚未同步到本机；请先同步，定稿后如有错误请创建更正版本');
  return i;
}

export function templateOf(ctx: ServiceContext, id: string) {
  const t = getTemplate(ctx.store.db, id);
  if (!t) throw new DomainError('not_found', '未找到该检查表模板');
  return t;
}

/**
 * The template as this inspection applies it: readings judged by discharge limits carry the target's
 * limits (kept in the inspection when it started) and, for 氨氮, the water temperature read (issue 19).
 */
export function appliedTemplate(ctx: ServiceContext, i: Pick<InspectionRow, 'id' | 'templateId' | 'targetExtra'>, answers: Answers = answersOf(ctx.store.db, i.id)) {
  const t = templateOf(ctx, i.templateId);
  return { ...t, definition: withTargetLimits(t.definition, i.targetExtra, answers) };
}

/** Photos counted per item. */
export function photoCounts(photos: { itemId: string | null }[]): PhotoCounts {
  const counts: PhotoCounts = {};
  for (const p of photos) if (p.itemId) counts[p.itemId] = (counts[p.itemId] ?? 0) + 1;
  return counts;
}

/** The hub's receipt of a record, when it holds with the hub's key and names this record's hash. */
function receiptAsSeen(ctx: ServiceContext, id: string, sha256: string): { hubSeq: number; receivedAt: string } | null {
  const r = receiptOf(ctx.store.db, id);
  const hub = readSyncState(ctx.store.db);
  if (!r || !hub.hubKey || r.hubId !== hub.hubId || r.sha256 !== sha256 || !receiptHolds(hub.hubKey, r)) return null;
  return { hubSeq: r.hubSeq, receivedAt: r.receivedAt };
}

/** Everything the runner, the record page and the printout show of one inspection. */
export function inspectionView(ctx: ServiceContext, id: string): Inspection {
  const { db } = ctx.store;
  const i = mustGetInspection(ctx, id);
  const answers = answersOf(db, id);
  const t = appliedTemplate(ctx, i, answers);
  const photos = photosOf(db, id);
  const recordings = recordingsOf(db, id);
  const signatures = signaturesOf(db, id);
  const open = i.state === 'draft' ? openProblemsFor(ctx, i, t.definition) : [];
  const findings = proposedFindings(t.definition, answers, i, reviewedFindingsOf(db, id));
  const record = recordOf(db, id);
  return {
    id: i.id, state: i.state, templateId: i.templateId, templateName: t.name, templateCode: t.code,
    template: { id: t.id, code: t.code, version: t.version, name: t.name, definition: t.definition },
    targetKind: i.targetKind, targetId: i.targetId, targetName: i.targetName, targetAddress: i.targetAddress, targetExtra: fieldAsSeen(ctx, 'targetExtra', i.targetExtra) as Inspection['targetExtra'],
    townCode: i.townCode, townName: i.townName, startedAt: i.startedAt, endedAt: i.endedAt, place: i.place, lon: i.lon, lat: i.lat,
    positionSource: i.positionSource, officers: i.officers, recorder: i.recorder, present: presentAsSeen(ctx, i), body: i.body, notice: i.notice,
    recusal: i.recusal ?? null, recusalNote: i.recusalNote ?? '', source: i.source ?? null,
    supersedes: i.supersedes, supersededBy: supersededByOf(db, id), correctionReason: i.correctionReason, finalizedAt: i.finalizedAt,
    sha256: i.sha256, answers: answers as Inspection['answers'], photos, recordings, signatures,
    findings: i.state === 'draft' ? findings : findings.filter((f) => f.included),
    problems: i.state === 'draft' ? { ...finalizeProblems(t.definition, i, answers, photoCounts(photos), signatures, findings, recordings), ...recheckProblems(ctx, i, t.definition, answers, open) } : {},
    openProblems: open,
    record: record && {
      sha256: record.sha256, node: record.node, chainSeq: record.chainSeq, prevSha256: record.prevSha256, signer: record.signer,
      signatureHolds: Boolean(record.signature && record.signerKey && record.signer && recordSignatureHolds({ sha256: record.sha256, signer: record.signer, node: record.node, chainSeq: record.chainSeq, signerKey: record.signerKey, signature: record.signature })),
      keyFingerprint: record.signerKey && keyFingerprint(record.signerKey),
      receipt: receiptAsSeen(ctx, id, record.sha256),
    },
    createdAt: i.createdAt, updatedAt: i.updatedAt,
  };
}

/**
 * The person present as this session may see them (issue 18, 个人信息保护法): in full to the record's own
 * officers and recorder (they took it down) and to roles allowed personal information; else the ID number
 * as its first 6 and last 4 and the phone masked (a logged reveal shows them).
 */
function presentAsSeen(ctx: ServiceContext, i: { officers: { personId: string }[]; recorder: { personId: string } | null; present: Inspection['present'] }): Inspection['present'] {
  const me = ctx.session.personId;
  if (seesPersonalInfo(ctx) || i.officers.some((o) => o.personId === me) || i.recorder?.personId === me) return i.present;
  return { ...i.present, idNumber: maskIdNumber(i.present.idNumber), phone: maskPhone(i.present.phone) };
}

/** What the core derives of a draft from its answers: the proposed findings and what keeps it from being finalized. */
export function draftDerived(ctx: ServiceContext, id: string): Pick<Inspection, 'findings' | 'problems'> {
  const { db } = ctx.store;
  const i = mustGetInspection(ctx, id);
  const answers = answersOf(db, id);
  const t = appliedTemplate(ctx, i, answers);
  const findings = proposedFindings(t.definition, answers, i, reviewedFindingsOf(db, id));
  return { findings, problems: { ...finalizeProblems(t.definition, i, answers, photoCounts(photosOf(db, id)), signaturesOf(db, id), findings, recordingsOf(db, id)), ...recheckProblems(ctx, i, t.definition, answers) } };
}
