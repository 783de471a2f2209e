import type { RecheckRow } from '../../../shared/checklist/recheck';
import { DomainError, invalidFields } from '../../../shared/api/result';
import { addDays } from '../../../shared/domain/calendar';
import type { RecordEvent } from '../../../shared/events/event';
import { stepFinding } from '../../../shared/finding/fold';
import { FINDING_EVENT_LABELS, type FindingEventKind } from '../../../shared/finding/states';
import { FINDING } from '../../store/entities';
import { appendEvent } from '../../store/events';
import { findingFacets, getFinding, listFindings, targetFacets } from '../../store/findings';
import { getInspectionRow } from '../../store/inspections';
import { getPerson } from '../../store/people';
import { today } from '../clock';
import { authorOf, newId, type ServiceContext } from '../context';
import { eventTime } from '../event-log';
import { storeEvidenceFiles } from '../evidence-files';
import type { Handlers } from '../handlers';
import { readSettings } from '../../store/settings';
import { findingDetail } from './detail';
import { dutyOf } from './duties';
import { foldFindingOf, refreshFinding } from './refresh';

export { refreshFinding } from './refresh';
export { recheckCandidates } from './detail';

type Action = { kind: Exclude<FindingEventKind, 'created'>; at?: string; text: string; data: Record<string, unknown>; blobs: string[] };

/** Checks an action's content against the finding and the county's settings; fills what settings decide. */
function prepareAction(ctx: ServiceContext, id: string, a: Action, originalDeadline: string): Record<string, unknown> {
  const f = getFinding(ctx.store.db, id, today())!;
  const s = readSettings(ctx.store.db);
  const at = eventTime(a.at, f.foundAt, '问题发现日期');
  const data = { ...a.data };
  switch (a.kind) {
    case 'deadline_extended': {
      const deadline = String(data.deadline ?? '');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline)) throw invalidFields({ deadline: '请填写新的整改时限' });
      if (deadline < f.foundAt) throw invalidFields({ deadline: `整改时限不能早于问题发现日期 ${f.foundAt}` });
      const limit = addDays(originalDeadline, s.findingMaxExtensionDays);
      if (deadline > limit) throw invalidFields({ deadline: `延期超出上限：最多可延至 ${limit}（原时限 ${originalDeadline} 后 ${s.findingMaxExtensionDays} 天）` });
      if (!a.text) throw invalidFields({ text: '请写明延期理由' });
      break;
    }
    case 'rechecked': {
      if (typeof data.passed !== 'boolean') throw invalidFields({ passed: '请选择复查结论（合格或不合格）' });
      const inspectionId = typeof data.inspectionId === 'string' ? data.inspectionId : '';
      const i = inspectionId ? getInspectionRow(ctx.store.db, inspectionId) : null;
      if (!i || i.state !== 'finalized') throw invalidFields({ inspectionId: '复查须依据一份已定稿的现场检查记录，请先完成现场复查检查' });
      if (f.targetId && (i.targetKind !== f.targetKind || i.targetId !== f.targetId)) throw invalidFields({ inspectionId: '所选检查记录的检查对象与问题不一致' });
      break;
    }
    case 'assigned': {
      const person = typeof data.personId === 'string' && data.personId ? getPerson(ctx.store.db, data.personId) : null;
      if (data.personId && !person) throw invalidFields({ responsiblePerson: '所选责任人不在人员名录中' });
      if (person) {
        data.responsiblePerson = person.name;
        // The unit and the person picked agree (issue 20): a person in the directory answers for their own unit.
        const unit = String(data.responsibleUnit ?? '').trim();
        if (person.unit && !unit) data.responsibleUnit = person.unit;
        else if (person.unit && unit !== person.unit) throw invalidFields({ responsibleUnit: `责任人${person.name}属于“${person.unit}”，与所填责任单位“${unit}”不一致：请改选责任人或责任单位` });
      }
      if (!String(data.responsibleUnit ?? '').trim()) throw invalidFields({ responsibleUnit: '请填写责任单位' });
      if (!String(data.responsiblePerson ?? '').trim()) throw invalidFields({ responsiblePerson: '请填写责任人' });
      break;
    }
    case 'notice_started': data.days = Number(data.days ?? s.noticeDays); break;
    case 'closed':
      // 销号 is a reviewer's sign-off: its opinion is part of the record (issue 19).
      if (!a.text.trim()) throw invalidFields({ text: '请填写销号审核意见' });
      data.recheckAfterDays = s.recheckAfterDays;
      break;
    case 'accepted':
      // The levels this problem's source needs, as the settings say now (kept in the event: every replica folds alike).
      data.level = data.level === 'city' ? 'city' : 'county';
      data.required = s.acceptanceLevels[f.sourceKind] ?? ['county'];
      break;
    case 'objected': if (!a.text.trim()) throw invalidFields({ text: '请填写异议内容（异议人、理由）' }); break;
    case 'objection_handled':
      data.upheld = data.upheld === true || data.upheld === 'yes';
      if (!data.upheld && !a.text.trim()) throw invalidFields({ text: '异议不成立的，须写明理由' });
      break;
    case 'progress': if (!a.text) throw invalidFields({ text: '请填写整改进展' }); break;
    case 'comment': if (!a.text) throw invalidFields({ text: '请填写备注内容' }); break;
    case 'reopened': if (!a.text) throw invalidFields({ text: '请写明重新打开的原因' }); break;
    default: break;
  }
  return { ...data, at };
}

/** Appends one action to a finding's log after the fold says it is allowed there; nothing is written otherwise. */
export function actOnFinding(ctx: ServiceContext, id: string, a: Action): void {
  const author = authorOf(ctx);
  ctx.store.transaction(() => {
    const current = foldFindingOf(ctx.store, id);
    const { at, ...data } = prepareAction(ctx, id, a, current.seed.deadline);
    const event: RecordEvent = { id: newId(), stream: 'finding', streamId: id, kind: a.kind, hlc: '', author, authorName: '', at: at as string, text: a.text, data, blobs: a.blobs, flag: null };
    const next = stepFinding(current.fold, event);
    if (typeof next === 'string') throw new DomainError('invalid', `${FINDING_EVENT_LABELS[a.kind]}：${next}`);
    const duty = dutyOf(ctx, id, a.kind, author, current);
    if (duty) throw new DomainError('forbidden', duty);
    appendEvent(ctx.store, event.id, { stream: 'finding', streamId: id, kind: a.kind, at: event.at, text: a.text, data, blobs: a.blobs }, author);
    refreshFinding(ctx.store, id);
  });
}

/** Records that a finding was raised (its first event) and folds it. */
export function recordFindingCreated(ctx: ServiceContext, id: string, at: string, author: string, text = ''): void {
  appendEvent(ctx.store, newId(), { stream: 'finding', streamId: id, kind: 'created', at, text, data: {}, blobs: [] }, author);
  refreshFinding(ctx.store, id);
}

/**
 * A finalized 复查 drives each problem it recorded (issue 19), as its officers' own actions:
 * - 已整改 — 复查合格: a problem waiting for its re-check passes it; one still being rectified is taken as
 *   done and passes (申请验收 + 复查合格), ready for 验收; a 销号 one's after-close re-check is settled;
 * - 部分整改 / 未整改 — a problem waiting for its re-check fails it (back to 整改中), one still being
 *   rectified gets the finding as 整改进展, a 销号 one is 反弹.
 * A problem accepted or in 公示 found not rectified goes back (重新打开); otherwise the result is a remark.
 */
export function applyRecheckResults(ctx: ServiceContext, inspectionId: string, target: { kind: string; id: string | null }, startedAt: string, rows: readonly RecheckRow[]): void {
  for (const r of rows) {
    const f = getFinding(ctx.store.db, r.findingId, today());
    if (!f || !r.result) continue;
    // Only this target's problems; the day of the 复查, never before the problem was found nor after today.
    if (f.targetKind !== target.kind || f.targetId !== target.id) continue;
    const day = startedAt.slice(0, 10) < f.foundAt ? f.foundAt : startedAt;
    const at = day.slice(0, 10) > today() ? today() : day;
    const seen = `现场复查（${r.result}）${r.note ? `：${r.note}` : ''}`;
    const done = r.result === '已整改';
    const act = (kind: 'submitted' | 'rechecked' | 'progress' | 'reopened' | 'comment', data: Record<string, unknown> = {}) =>
      actOnFinding(ctx, r.findingId, { kind, at, text: seen, data, blobs: [] });
    if (f.state === 'submitted' || f.state === 'closed') act('rechecked', { inspectionId, passed: done });
    else if (['open', 'rectifying', 'reopened'].includes(f.state)) {
      if (done) { act('submitted'); act('rechecked', { inspectionId, passed: true }); } else act('progress');
    } else if (!done && (f.state === 'accepted' || f.state === 'noticed')) act('reopened');
    else act('comment');
  }
}

export const findingHandlers = {
  'findings.list': (ctx, { offset, limit, ...filter }) => listFindings(ctx.store.db, filter, today(), offset, limit),
  'findings.get': (ctx, { id }) => findingDetail(ctx, id),
  'findings.facets': (ctx) => findingFacets(ctx.store.db),
  'findings.act': async (ctx, { id, kind, at, text, data, files }) => {
    authorOf(ctx);
    if (!getFinding(ctx.store.db, id, today())) throw new DomainError('not_found', '未找到该问题');
    const blobs = await storeEvidenceFiles(ctx.store, files);
    actOnFinding(ctx, id, { kind, at, text, data, blobs });
    return findingDetail(ctx, id);
  },
  'findings.assign': (ctx, { ids, responsibleUnit, responsiblePerson, personId, text }) => {
    authorOf(ctx);
    // All or nothing: one finding that cannot be assigned stops the batch with its reason.
    ctx.store.transaction(() => {
      for (const id of ids) {
        try {
          actOnFinding(ctx, id, { kind: 'assigned', text, data: { responsibleUnit, responsiblePerson, personId }, blobs: [] });
        } catch (e) {
          const f = getFinding(ctx.store.db, id, today());
          throw new DomainError('invalid', `“${f?.description.slice(0, 30) ?? id}”不能交办：${(e as Error).message}；本次未交办任何问题`);
        }
      }
    });
    return { assigned: ids.length, skipped: [] };
  },
  'findings.create': (ctx, d) => {
    const author = authorOf(ctx);
    if (d.deadline < d.foundAt) throw invalidFields({ deadline: `整改时限不能早于发现日期 ${d.foundAt}` });
    if (d.foundAt > today()) throw invalidFields({ foundAt: '发现日期不能晚于今天' });
    const id = newId();
    ctx.store.transaction(() => {
      ctx.store.write(FINDING, id, { ...d, itemId: null, state: 'open', ...targetFacets(ctx.store.db, d.targetKind, d.targetId) }, author);
      recordFindingCreated(ctx, id, d.foundAt, author);
    });
    return findingDetail(ctx, id);
  },
} satisfies Partial<Handlers>;



