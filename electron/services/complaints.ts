import { joinedToHub } from '../store/sync-state';
import type { ComplaintDetail } from '../../shared/api/complaints';
import { DomainError, invalidFields } from '../../shared/api/result';
import { COMPLAINT_EVENT_KINDS, COMPLAINT_EVENT_LABELS, foldComplaint, type ComplaintLimits } from '../../shared/complaint/fold';
import type { RecordEvent } from '../../shared/events/event';
import { cacheComplaintFold, followUpsOf, getComplaintRow, listComplaints, nextComplaintNumber, nextProvisionalNumber, rowToComplaint } from '../store/complaints';
import { COMPLAINT } from '../store/entities';
import { getInspectionRow } from '../store/inspections';
import { today } from './clock';
import { authorOf, newId, type ServiceContext } from './context';
import { allowedKinds, appendIfLegal, eventTime, flaggedEvents } from './event-log';
import { storeEvidenceFiles } from './evidence-files';
import { recheckCandidates } from './findings/index';
import type { Handlers } from './handlers';
import { canSeeComplainants } from './personal-info';
import { readSettings } from '../store/settings';


function folder(row: Record<string, unknown>) {
  const seed = { receivedAt: row.received_at as string, acceptDays: row.accept_days as number, completeDays: row.complete_days as number, maxExtensionDays: row.max_extension_days as number };
  return (events: RecordEvent[]) => foldComplaint(seed, events);
}

function mustRow(ctx: ServiceContext, id: string) {
  const row = getComplaintRow(ctx.store.db, id);
  if (!row || row.deleted_at) throw new DomainError('not_found', '未找到该信访件');
  return row;
}

/** Refolds a complaint after its log changed and caches the result in its derived columns. */
export function refreshComplaint(ctx: ServiceContext, id: string): void {
  cacheComplaintFold(ctx.store.db, id, flaggedEvents(ctx, 'complaint', id, folder(mustRow(ctx, id))).state);
}

/** A complaint's page: its row, its timeline with flags, the actions its state allows. */
export function complaintDetail(ctx: ServiceContext, id: string): ComplaintDetail {
  const row = mustRow(ctx, id);
  const { state, events } = flaggedEvents(ctx, 'complaint', id, folder(row));
  const complaint = rowToComplaint(row, today(), canSeeComplainants(ctx));
  const fold = folder(row);
  // Probed today: a 复查/复核 request is offered only within its 30 days.
  const allowed = allowedKinds('complaint', COMPLAINT_EVENT_KINDS, events, fold, { days: 1, result: { outcome: '办结' } }, today());
  return {
    complaint, events, allowed, limits: { acceptDays: row.accept_days as number, completeDays: row.complete_days as number, maxExtensionDays: row.max_extension_days as number },
    inspections: recheckCandidates(ctx, { targetKind: complaint.targetKind ?? 'site', targetId: complaint.targetId, targetName: complaint.targetName, sourceId: null, foundAt: complaint.receivedAt.slice(0, 10) }),
    extensionDays: state.extensionDays, verifiedInspectionId: state.verifiedInspectionId, reply: state.reply, review: state.review, recheck: state.recheck,
    findingIds: followUpsOf(ctx.store.db, 'findings', id), caseIds: followUpsOf(ctx.store.db, 'cases', id),
  };
}

/**
 * A new 信访编号: on a laptop joined to a hub a provisional one, which the hub replaces with the county's
 * next when the complaint reaches it (issue 21); on a laptop of no hub the county's next as it holds them.
 */
function newNumber(ctx: ServiceContext, year: string): string {
  return joinedToHub(ctx.store.db) ? nextProvisionalNumber(ctx.store.db, year, ctx.store.nodeId.slice(-4)) : nextComplaintNumber(ctx.store.db, year);
}

export const complaintHandlers = {
  'complaints.list': (ctx, { offset, limit, ...f }) => listComplaints(ctx.store.db, f, today(), canSeeComplainants(ctx), offset, limit),
  'complaints.get': (ctx, { id }) => complaintDetail(ctx, id),
  'complaints.create': (ctx, d) => {
    const author = authorOf(ctx);
    if (d.receivedAt.slice(0, 10) > today()) throw invalidFields({ receivedAt: '接收时间不能晚于今天' });
    if (d.targetKind && d.targetKind !== 'site' && !d.targetId) throw invalidFields({ targetId: '请选择被投诉的排污单位或排污口' });
    const s = readSettings(ctx.store.db);
    const limits: ComplaintLimits = { acceptDays: s.complaintAcceptDays, completeDays: s.complaintCompleteDays, maxExtensionDays: s.complaintMaxExtensionDays };
    const id = newId();
    ctx.store.transaction(() => {
      ctx.store.write(COMPLAINT, id, { ...d, ...limits, number: newNumber(ctx, d.receivedAt.slice(0, 4)) }, author);
      refreshComplaint(ctx, id);
    });
    return complaintDetail(ctx, id);
  },
  'complaints.renumber': (ctx, { id }) => {
    const row = mustRow(ctx, id);
    ctx.store.write(COMPLAINT, id, { number: newNumber(ctx, (row.received_at as string).slice(0, 4)) }, authorOf(ctx));
    return complaintDetail(ctx, id);
  },
  'complaints.act': async (ctx, { id, kind, at, text, data, files }) => {
    const author = authorOf(ctx);
    const row = mustRow(ctx, id);
    const when = eventTime(at, row.received_at as string, '接收日期');
    if (kind === 'verified') {
      const i = typeof data.inspectionId === 'string' ? getInspectionRow(ctx.store.db, data.inspectionId) : null;
      if (!i || i.state !== 'finalized') throw invalidFields({ inspectionId: '现场核查须依据一份已定稿的现场检查记录' });
    }
    if (kind === 'concluded') {
      const r = data.result as Record<string, unknown> | undefined;
      if (r && r.penaltyAmount !== null && r.penaltyAmount !== undefined && !(Number(r.penaltyAmount) >= 0)) throw invalidFields({ penaltyAmount: '罚款金额应为不小于0的数字' });
    }
    const blobs = await storeEvidenceFiles(ctx.store, files);
    ctx.store.transaction(() => {
      appendIfLegal(ctx, 'complaint', id, folder(row), { kind, at: when, text, data, blobs }, author, COMPLAINT_EVENT_LABELS[kind]);
      refreshComplaint(ctx, id);
    });
    return complaintDetail(ctx, id);
  },
} satisfies Partial<Handlers>;
