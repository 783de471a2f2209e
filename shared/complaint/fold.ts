import { addDays } from '../domain/calendar';
import { dayOf, foldEvents, type RecordEvent } from '../events/event';

export const COMPLAINT_CHANNELS = ['12369电话', '网络（微信）', '网络（微博）', '来信', '来访', '上级交办', '其他'] as const;
/** 问题类别 (one complaint may count under several); 固废 (固体废物) beside the others (issue 19). */
export const COMPLAINT_CATEGORIES = ['水', '大气', '土壤', '固废', '生态', '噪声', '辐射', '其他'] as const;
export const COMPLAINT_OUTCOMES = ['办结', '阶段性办结'] as const;

export const COMPLAINT_STATES = ['received', 'accepted', 'staged', 'concluded', 'rejected'] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];
export const COMPLAINT_STATE_LABELS: Record<ComplaintState, string> = {
  received: '待受理', accepted: '办理中', staged: '阶段性办结', concluded: '已办结', rejected: '不予受理',
};

export const COMPLAINT_EVENT_KINDS = ['accepted', 'rejected', 'verified', 'extended', 'replied', 'concluded', 'reviewRequested', 'reviewed', 'recheckRequested', 'rechecked', 'comment'] as const;
export type ComplaintEventKind = (typeof COMPLAINT_EVENT_KINDS)[number];
export const COMPLAINT_EVENT_LABELS: Record<ComplaintEventKind, string> = {
  accepted: '受理', rejected: '不予受理', verified: '现场核查', extended: '延期办理', replied: '答复信访人', concluded: '办结',
  reviewRequested: '信访人请求复查', reviewed: '收到复查意见', recheckRequested: '信访人请求复核', rechecked: '收到复核意见', comment: '备注',
};

/**
 * 复查 and 复核 (信访工作条例 2022 第三十五条、第三十六条): the complainant may ask for a 复查 within 30
 * days of the written answer, answered within 30 days; then for a 复核 within 30 days of the 复查
 * opinion, answered within 30 days. After the 复核 the same request is not taken again.
 */
export const REVIEW_LIMITS = { requestDays: 30, answerDays: 30 } as const;

/** A 复查 or 复核 under way or done: when asked, by when it must be answered, when it was. */
export type ComplaintReview = { requestedAt: string; dueBy: string; answeredAt: string | null };

/** The time limits a complaint was taken in under (kept with it, so later settings do not move them). */
export type ComplaintLimits = { acceptDays: number; completeDays: number; maxExtensionDays: number };

/** 办理结果: what was done, counted in the ledger (责令整改, 立案处罚 with the fine, 约谈, 问责 people). */
export type ComplaintResult = { outcome: (typeof COMPLAINT_OUTCOMES)[number]; rectification: boolean; penaltyAmount: number | null; interview: boolean; accountablePeople: number };

export type ComplaintFold = {
  state: ComplaintState;
  acceptBy: string;
  acceptedAt: string | null;
  completeBy: string | null;
  extensionDays: number;
  verifiedInspectionId: string | null;
  verifiedAt: string | null;
  repliedAt: string | null;
  reply: string | null;
  result: ComplaintResult | null;
  concludedAt: string | null;
  rejectedReason: string | null;
  review: ComplaintReview | null;
  recheck: ComplaintReview | null;
  lastEventAt: string | null;
};

const OPEN: readonly ComplaintState[] = ['accepted', 'staged'];

/** A complaint's state from its events: deadlines from the limits it was received under. */
export function foldComplaint(seed: { receivedAt: string } & ComplaintLimits, events: readonly RecordEvent[]) {
  const initial: ComplaintFold = {
    state: 'received', acceptBy: addDays(dayOf(seed.receivedAt), seed.acceptDays), acceptedAt: null, completeBy: null, extensionDays: 0,
    verifiedInspectionId: null, verifiedAt: null, repliedAt: null, reply: null, result: null, concludedAt: null, rejectedReason: null, review: null, recheck: null, lastEventAt: null,
  };
  return foldEvents(initial, events, (s, e): ComplaintFold | string => {
    const day = dayOf(e.at);
    const base = { ...s, lastEventAt: e.at };
    const not = (what: string) => `信访件当前为“${COMPLAINT_STATE_LABELS[s.state]}”，不能${what}`;
    switch (e.kind as ComplaintEventKind) {
      case 'comment': return base;
      case 'accepted':
        if (s.state !== 'received') return not('受理');
        return { ...base, state: 'accepted', acceptedAt: day, completeBy: addDays(day, seed.completeDays) };
      case 'rejected':
        if (s.state !== 'received') return not('不予受理');
        if (!e.text.trim()) return '不予受理须写明理由';
        return { ...base, state: 'rejected', rejectedReason: e.text };
      case 'verified':
        if (!OPEN.includes(s.state)) return not('登记现场核查（须先受理）');
        return { ...base, verifiedInspectionId: typeof e.data.inspectionId === 'string' ? e.data.inspectionId : null, verifiedAt: day };
      case 'extended': {
        if (s.state !== 'accepted') return not('延期');
        if (s.extensionDays > 0) return '办理期限只能延长一次';
        const days = Number(e.data.days);
        if (!Number.isInteger(days) || days < 1 || days > seed.maxExtensionDays) return `延长期限应为 1～${seed.maxExtensionDays} 天`;
        return { ...base, extensionDays: days, completeBy: addDays(s.completeBy!, days) };
      }
      case 'replied':
        if (!OPEN.includes(s.state)) return not('答复（须先受理）');
        if (!e.text.trim()) return '请填写答复内容';
        return { ...base, repliedAt: day, reply: e.text };
      case 'concluded': {
        if (!OPEN.includes(s.state)) return not('办结');
        const result = e.data.result as ComplaintResult | undefined;
        if (!result || !(COMPLAINT_OUTCOMES as readonly string[]).includes(result.outcome)) return '请选择办理结果（办结或阶段性办结）';
        return { ...base, result, state: result.outcome === '办结' ? 'concluded' : 'staged', concludedAt: day };
      }
      case 'reviewRequested': {
        const replied = s.repliedAt ?? s.concludedAt;
        if (!replied) return '须先书面答复信访人，方可请求复查';
        // The 30 days run from when the complainant received the answer (given), else from the answer.
        const received = typeof e.data.answerReceivedAt === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(e.data.answerReceivedAt) ? e.data.answerReceivedAt : null;
        if (received && (received < replied || received > day)) return '信访人收到答复的日期应在答复之后、请求之前';
        const answered = received ?? replied;
        if (s.review) return '复查只能请求一次；对复查意见不服的，可请求复核';
        if (day > addDays(answered, REVIEW_LIMITS.requestDays)) return `复查请求应在收到答复之日起 ${REVIEW_LIMITS.requestDays} 日内提出（${received ? '收到答复' : '答复'}于 ${answered}）`;
        return { ...base, review: { requestedAt: day, dueBy: addDays(day, REVIEW_LIMITS.answerDays), answeredAt: null } };
      }
      case 'reviewed':
        if (!s.review || s.review.answeredAt) return '没有待出具意见的复查请求';
        if (!e.text.trim()) return '请填写复查意见';
        return { ...base, review: { ...s.review, answeredAt: day } };
      case 'recheckRequested':
        if (!s.review?.answeredAt) return '须先有复查意见，方可请求复核';
        if (s.recheck) return '复核只能请求一次；复核后以同一事实和理由提出的，不再受理';
        if (day > addDays(s.review.answeredAt, REVIEW_LIMITS.requestDays)) return `复核请求应在收到复查意见之日起 ${REVIEW_LIMITS.requestDays} 日内提出（复查意见于 ${s.review.answeredAt}）`;
        return { ...base, recheck: { requestedAt: day, dueBy: addDays(day, REVIEW_LIMITS.answerDays), answeredAt: null } };
      case 'rechecked':
        if (!s.recheck || s.recheck.answeredAt) return '没有待出具意见的复核请求';
        if (!e.text.trim()) return '请填写复核意见';
        return { ...base, recheck: { ...s.recheck, answeredAt: day } };
      default: return `未知的事件类型“${e.kind}”`;
    }
  });
}

/** The 复查 or 复核 waiting for its opinion, if any (its stage and due date). */
export function pendingReview(f: Pick<ComplaintFold, 'review' | 'recheck'>): { stage: '复查' | '复核'; dueBy: string } | null {
  if (f.recheck && !f.recheck.answeredAt) return { stage: '复核', dueBy: f.recheck.dueBy };
  if (f.review && !f.review.answeredAt) return { stage: '复查', dueBy: f.review.dueBy };
  return null;
}

/** 逾期 warnings on `today`: not accepted in time, not finished in time, or a 复查/复核 not answered in time. */
export function complaintOverdue(f: Pick<ComplaintFold, 'state' | 'acceptBy' | 'completeBy'> & { reviewStage?: string | null; reviewDue?: string | null }, today: string): string | null {
  if (f.state === 'received' && f.acceptBy < today) return '逾期未受理';
  if (f.state === 'accepted' && f.completeBy && f.completeBy < today) return '逾期未办结';
  if (f.reviewStage && f.reviewDue && f.reviewDue < today) return `逾期未${f.reviewStage}`;
  return null;
}
