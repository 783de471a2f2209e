import type { InspectionHeaderPatch, Officer } from '../../../shared/api/inspections';
import { DomainError, invalidFields } from '../../../shared/api/result';
import { answerProblem, failingItems, isFailing } from '../../../shared/checklist/answers';
import { itemsOf } from '../../../shared/checklist/template';
import { idNumberProblem } from '../../../shared/domain/id-number';
import { localMinute } from '../../../shared/domain/local-time';
import { DEFAULT_NOTICE } from '../../../shared/inspection/notice';
import { INSPECTION, INSPECTION_ANSWER, INSPECTION_FINDING, INSPECTION_PHOTO, INSPECTION_RECORDING } from '../../store/entities';
import { answerExists, answersOf, openCorrectionOf, photosOf, recordingsOf, reviewedFindingsOf } from '../../store/inspections';
import { getPerson } from '../../store/people';
import { readSettings } from '../../store/settings';
import { authorOf, namedFields, newId, type ServiceContext } from '../context';
import type { Handlers } from '../handlers';
import { audit } from '../audit';
import { isMaskedOf, maskIdNumber, maskPhone } from '../../../shared/auth/mask';
import { headerProblems } from './problems';
import { proposedFindings } from './proposals';
import { targetSnapshot } from './target';
import type { InspectionRow } from '../../store/inspections';
import { appliedTemplate, mustGetDraft, mustGetInspection, templateOf } from './view';
import { draftDerived } from './view';
import { foreignRows, withStoredDescriptions } from './recheck';
import { openProblemsOf } from '../../store/findings';

/** The directory entry of an officer as the record names them (name and 执法证号 at the time). */
export function officerOf(ctx: ServiceContext, personId: string, field: string): Officer {
  const p = getPerson(ctx.store.db, personId);
  if (!p || !p.active) throw invalidFields({ [field]: '所选人员不在人员名录中（或已停用）' });
  return { personId: p.id, name: p.name, certificateNo: p.certificateNo };
}

function officersOf(ctx: ServiceContext, ids: string[]): Officer[] {
  if (new Set(ids).size !== ids.length) throw invalidFields({ officerIds: '同一人不能两次作为检查人' });
  return ids.map((id) => officerOf(ctx, id, 'officerIds'));
}

/** Recounts the failing items of a draft (kept on the row for lists and ledgers; unchanged is a no-op). */
function refreshFailingCount(ctx: ServiceContext, i: InspectionRow, author: string): void {
  const answers = answersOf(ctx.store.db, i.id);
  const failing = failingItems(appliedTemplate(ctx, i, answers).definition, answers);
  const id = i.id;
  ctx.store.write(INSPECTION, id, { failingCount: failing.length }, author);
}

export const draftHandlers = {
  'inspections.start': (ctx, input) => {
    const author = authorOf(ctx);
    const t = templateOf(ctx, input.templateId);
    if (t.retired) throw new DomainError('invalid', `检查表“${t.name}”第 ${t.version} 版已停用，请选用新版本`);
    if (!t.targetKinds.includes(input.targetKind)) throw new DomainError('invalid', `检查表“${t.name}”不适用于这类检查对象`);
    const target = targetSnapshot(ctx, input.targetKind, input.targetId, input.siteName, input.siteAddress);
    const officers = officersOf(ctx, input.officerIds);
    // 执法人员不得少于两人 (行政处罚法 第四十二条; 生态环境行政处罚办法): a record made by one is void.
    if (officers.length < 2) throw invalidFields({ officerIds: '现场检查须由两名以上持执法证的执法人员进行（行政处罚法 第四十二条），请选择两名执法人员' });
    const id = newId();
    const notice = readSettings(ctx.store.db).inspectionNotice || DEFAULT_NOTICE;
    ctx.store.write(INSPECTION, id, {
      state: 'draft', templateId: t.id, targetKind: input.targetKind, targetId: target.targetId, targetName: target.targetName,
      targetAddress: target.targetAddress, townCode: target.townCode, townName: target.townName,
      targetExtra: { ...target.targetExtra, responsibleUnit: target.responsibleUnit, responsiblePerson: target.responsiblePerson },
      startedAt: localMinute(), endedAt: null, place: target.place, officers, recorder: officers[1] ?? null,
      present: { name: '', idNumber: '', post: '', phone: '' }, body: '', notice, failingCount: 0, createdBy: author, source: input.source,
    }, author);
    return { id };
  },
  'inspections.updateHeader': (ctx, { id, patch }) => {
    const author = authorOf(ctx);
    const i = mustGetDraft(ctx, id);
    const fields: Record<string, unknown> = {};
    const p: InspectionHeaderPatch = patch;
    if (p.officerIds) fields.officers = officersOf(ctx, p.officerIds);
    if (p.recorderId !== undefined) fields.recorder = p.recorderId ? officerOf(ctx, p.recorderId, 'recorderId') : null;
    for (const k of ['startedAt', 'endedAt', 'place', 'lon', 'lat', 'positionSource', 'body', 'recusal', 'recusalNote', 'source'] as const) if (p[k] !== undefined) fields[k] = p[k];
    if (p.present) {
      // A form sends back the masked values it was shown: those are no change.
      const given = Object.entries(p.present).filter(([k, v]) => v !== undefined
        && !(k === 'idNumber' && isMaskedOf(v, i.present.idNumber, maskIdNumber)) && !(k === 'phone' && isMaskedOf(v, i.present.phone, maskPhone)));
      fields.present = { ...i.present, ...Object.fromEntries(given) };
      const idNo = (fields.present as { idNumber: string }).idNumber;
      if (p.present.idNumber && idNo) { const e = idNumberProblem(idNo); if (e) throw invalidFields({ 'present.idNumber': e }); }
    }
    const next = { ...i, ...fields } as typeof i;
    if (next.startedAt && next.endedAt && next.endedAt <= next.startedAt) throw invalidFields({ endedAt: '结束时间应晚于开始时间' });
    if ((p.lat !== undefined || p.lon !== undefined) && next.lat !== null && next.lon !== null
      && (next.lat < 3 || next.lat > 54 || next.lon < 73 || next.lon > 136)) throw invalidFields({ lat: '位置不在中国境内，请核对经纬度' });
    ctx.store.write(INSPECTION, id, fields, author);
    return { problems: headerProblems(next) };
  },
  'inspections.answer': (ctx, { id, itemId, value, note }) => {
    const author = authorOf(ctx);
    const i = mustGetDraft(ctx, id);
    const t = templateOf(ctx, i.templateId);
    const item = itemsOf(t.definition).find((x) => x.item.id === itemId)?.item;
    if (!item) throw new DomainError('invalid', `检查表中没有题目“${itemId}”`);
    let v = value === undefined ? null : value;
    // A 复查 names only the target's open problems, each stated as the register has it, whatever a page sent.
    const open = item.type === 'problems' ? openProblemsOf(ctx.store.db, i.targetKind, i.targetId) : [];
    const problem = answerProblem(item, v) ?? (item.type === 'problems' ? foreignRows(open, v) : null);
    if (problem) throw invalidFields({ [itemId]: `${item.label}：${problem}` });
    if (item.type === 'problems' && Array.isArray(v)) v = withStoredDescriptions(open, v);
    return ctx.store.transaction(() => {
      const key = `${id}/${itemId}`;
      const isNew = !answerExists(ctx.store.db, key);
      ctx.store.write(INSPECTION_ANSWER, key, { inspectionId: id, itemId, value: v, note: note ?? (isNew ? '' : undefined) }, author);
      refreshFailingCount(ctx, i, author);
      // One answer written; what it changed comes back with it (no reload of the whole record), judged by
      // the limits this inspection applies (a reading against the target's discharge limits).
      const applied = itemsOf(appliedTemplate(ctx, i).definition).find((x) => x.item.id === itemId)!.item;
      return { failing: isFailing(applied, v), ...draftDerived(ctx, id) };
    });
  },
  'inspections.reviewFinding': (ctx, { id, itemId, patch }) => {
    const author = authorOf(ctx);
    const i = mustGetDraft(ctx, id);
    const { db } = ctx.store;
    const answers = answersOf(db, id);
    const proposal = proposedFindings(appliedTemplate(ctx, i, answers).definition, answers, i, reviewedFindingsOf(db, id)).find((f) => f.itemId === itemId);
    if (!proposal) throw new DomainError('invalid', '该题目前的答案不构成问题，无需填写问题信息');
    const { itemLabel: _l, ...current } = proposal;
    ctx.store.write(INSPECTION_FINDING, `${id}/${itemId}`, { ...current, ...namedFields(patch), inspectionId: id, itemId }, author);
    return { ...proposal, ...namedFields(patch) };
  },
  'inspections.discard': (ctx, { id }) => {
    mustGetDraft(ctx, id);
    ctx.store.write(INSPECTION, id, { deletedAt: new Date().toISOString() }, authorOf(ctx));
    return { id };
  },
  'inspections.correct': (ctx, { id, reason }) => {
    const author = authorOf(ctx);
    const old = mustGetInspection(ctx, id);
    if (old.state !== 'finalized') throw new DomainError('invalid', old.state === 'draft' ? '草稿可直接修改，无需更正' : '该记录已被更正过，请更正最新版本');
    // 更正: the record's own officers or an administrator (issue 18), the reason kept with it.
    const user = ctx.session.user;
    if (user && user.role !== 'admin' && !old.officers.some((o) => o.personId === author)) throw new DomainError('forbidden', '只有该笔录的检查人员或管理员可以更正');
    const { db } = ctx.store;
    const existing = openCorrectionOf(db, id);
    if (existing) return { id: existing };
    const newIdValue = newId();
    ctx.store.transaction(() => {
      const { id: _i, state: _s, createdAt: _c, updatedAt: _u, deleted: _d, finalizedAt: _f, sha256: _h, ...header } = old;
      ctx.store.write(INSPECTION, newIdValue, { ...header, state: 'draft', supersedes: id, correctionReason: reason, createdBy: author }, author);
      for (const [itemId, a] of Object.entries(answersOf(db, id))) {
        ctx.store.write(INSPECTION_ANSWER, `${newIdValue}/${itemId}`, { inspectionId: newIdValue, itemId, value: a!.value, note: a!.note }, author);
      }
      for (const { id: _p, ...photo } of photosOf(db, id)) ctx.store.write(INSPECTION_PHOTO, newId(), { ...photo, inspectionId: newIdValue }, author);
      for (const { id: _r, ...recording } of recordingsOf(db, id)) ctx.store.write(INSPECTION_RECORDING, newId(), { ...recording, inspectionId: newIdValue }, author);
      for (const f of reviewedFindingsOf(db, id).values()) ctx.store.write(INSPECTION_FINDING, `${newIdValue}/${f.itemId}`, { ...f, inspectionId: newIdValue }, author);
      audit(ctx, 'correct', { entity: 'inspection', entityId: id, detail: { correction: newIdValue, reason } });
    });
    return { id: newIdValue };
  },
} satisfies Partial<Handlers>;
