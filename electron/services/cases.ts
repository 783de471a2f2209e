import type { CaseDetail, CaseDraft } from '../../shared/api/cases';
import { DomainError, invalidFields } from '../../shared/api/result';
import { CASE_EVENT_KINDS, CASE_EVENT_LABELS, foldCase } from '../../shared/case/fold';
import type { RecordEvent } from '../../shared/events/event';
import { cacheCaseFold, getCaseRow, listCases, liveCaseIds, rowToCase } from '../store/cases';
import { getComplaintRow } from '../store/complaints';
import { getEnterprise } from '../store/enterprises';
import { CASE } from '../store/entities';
import { getFinding } from '../store/findings';
import { today } from './clock';
import { authorOf, newId, type ServiceContext } from './context';
import { allowedKinds, appendIfLegal, eventTime, flaggedEvents } from './event-log';
import { storeEvidenceFiles } from './evidence-files';
import type { Handlers } from './handlers';
import { readSettings } from '../store/settings';

function folder(ctx: ServiceContext) {
  const s = readSettings(ctx.store.db);
  return (events: RecordEvent[]) => foldCase({ holidays: s.holidays, workdays: s.workdays }, events);
}

function mustRow(ctx: ServiceContext, id: string) {
  const row = getCaseRow(ctx.store.db, id);
  if (!row || row.deleted_at) throw new DomainError('not_found', '未找到该案件');
  return row;
}

/** Refolds a case after its log (or the calendar) changed and caches the result in its derived columns. */
export function refreshCase(ctx: ServiceContext, id: string): void {
  cacheCaseFold(ctx.store.db, id, flaggedEvents(ctx, 'case', id, folder(ctx)).state);
}

/** Refolds every case: the working-day calendar decides their publicity deadlines. */
export function refreshAllCases(ctx: ServiceContext): void {
  for (const id of liveCaseIds(ctx.store.db)) refreshCase(ctx, id);
}

/** A case's page: its row, its timeline with flags, the actions its state allows. */
export function caseDetail(ctx: ServiceContext, id: string): CaseDetail {
  mustRow(ctx, id);
  const fold = folder(ctx);
  const { events } = flaggedEvents(ctx, 'case', id, fold);
  const allowed = allowedKinds('case', CASE_EVENT_KINDS, events, fold, { number: '号', kind: 'other', amount: 0 });
  return { case: rowToCase(mustRow(ctx, id), today()), events, allowed };
}

/** The party of a case from the enterprise a finding or complaint points at. */
function draftFrom(ctx: ServiceContext, kind: 'finding' | 'complaint', id: string): CaseDraft {
  const db = ctx.store.db;
  let target: { kind: CaseDraft['targetKind']; id: string | null; name: string; town: string | null; facts: string };
  if (kind === 'finding') {
    const f = getFinding(db, id, today());
    if (!f) throw new DomainError('not_found', '未找到该问题');
    target = { kind: f.targetKind, id: f.targetId, name: f.targetName, town: f.townCode, facts: f.description };
  } else {
    const c = getComplaintRow(db, id);
    if (!c) throw new DomainError('not_found', '未找到该信访件');
    target = { kind: (c.target_kind as CaseDraft['targetKind']) ?? null, id: c.target_id as string | null, name: c.target_name as string, town: c.town_code as string | null, facts: c.content as string };
  }
  const e = target.kind === 'enterprise' && target.id ? getEnterprise(db, target.id, () => true) : undefined;
  return {
    sourceKind: kind, sourceId: id, targetKind: target.kind, targetId: target.id, targetName: target.name,
    party: e?.name ?? target.name, uscc: e?.uscc ?? '', legalRepresentative: e?.legalRepresentative ?? '', address: e?.address ?? '',
    townCode: target.town, facts: target.facts, openedAt: today(),
  };
}

export const caseHandlers = {
  'cases.list': (ctx, { offset, limit, ...f }) => listCases(ctx.store.db, f, today(), offset, limit),
  'cases.get': (ctx, { id }) => caseDetail(ctx, id),
  'cases.draftFrom': (ctx, { kind, id }) => draftFrom(ctx, kind, id),
  'cases.create': (ctx, d) => {
    const author = authorOf(ctx);
    if (d.openedAt > today()) throw invalidFields({ openedAt: '登记日期不能晚于今天' });
    const id = newId();
    ctx.store.transaction(() => { ctx.store.write(CASE, id, d, author); refreshCase(ctx, id); });
    return caseDetail(ctx, id);
  },
  'cases.act': async (ctx, { id, kind, at, text, data, files }) => {
    const author = authorOf(ctx);
    const row = mustRow(ctx, id);
    const when = eventTime(at, row.opened_at as string, '案源登记日期');
    if (kind === 'decided' && data.kind === 'penalty') data.amount = Number(data.amount);
    const blobs = await storeEvidenceFiles(ctx.store, files);
    ctx.store.transaction(() => {
      appendIfLegal(ctx, 'case', id, folder(ctx), { kind, at: when, text, data, blobs }, author, CASE_EVENT_LABELS[kind]);
      refreshCase(ctx, id);
    });
    return caseDetail(ctx, id);
  },
} satisfies Partial<Handlers>;
