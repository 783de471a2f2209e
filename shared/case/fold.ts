import { addWorkdays, type WorkCalendar } from '../domain/calendar';
import { dayOf, foldEvents, type RecordEvent } from '../events/event';

export const CASE_STATES = ['opened', 'filed', 'decided', 'published', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_LABELS: Record<CaseState, string> = {
  opened: '待立案', filed: '已立案调查', decided: '已作出决定', published: '已公开', closed: '已结案',
};

export const CASE_EVENT_KINDS = ['filed', 'investigated', 'decided', 'transferred', 'published', 'closed', 'comment'] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];
export const CASE_EVENT_LABELS: Record<CaseEventKind, string> = {
  filed: '立案', investigated: '调查取证', decided: '作出决定', transferred: '移送公安', published: '公开', closed: '结案', comment: '备注',
};

/** 处罚决定 publish within 7 working days; other enforcement results within 20 (DOMAIN [H]). */
export const PUBLICITY_WORKDAYS = { penalty: 7, other: 20 } as const;

export type CaseDecision = { kind: 'penalty' | 'other'; number: string; amount: number | null; legalBasis: string; content: string };

export type CaseFold = {
  state: CaseState;
  filedNumber: string | null;
  filedAt: string | null;
  decision: (CaseDecision & { at: string }) | null;
  publishBy: string | null;
  publishedAt: string | null;
  transferredAt: string | null;
  transferredTo: string | null;
  closedAt: string | null;
  lastEventAt: string | null;
};

/** A case's state from its events; the publicity deadline counts working days on the calendar given. */
export function foldCase(calendar: WorkCalendar, events: readonly RecordEvent[]) {
  const initial: CaseFold = { state: 'opened', filedNumber: null, filedAt: null, decision: null, publishBy: null, publishedAt: null, transferredAt: null, transferredTo: null, closedAt: null, lastEventAt: null };
  return foldEvents(initial, events, (s, e): CaseFold | string => {
    const day = dayOf(e.at);
    const base = { ...s, lastEventAt: e.at };
    const not = (what: string) => `案件当前为“${CASE_STATE_LABELS[s.state]}”，不能${what}`;
    switch (e.kind as CaseEventKind) {
      case 'comment': case 'investigated':
        return e.kind === 'investigated' && s.state !== 'filed' ? not('登记调查取证（须先立案）') : base;
      case 'filed': {
        if (s.state !== 'opened') return not('立案');
        const number = typeof e.data.number === 'string' ? e.data.number.trim() : '';
        if (!number) return '请填写立案编号';
        return { ...base, state: 'filed', filedNumber: number, filedAt: day };
      }
      case 'decided': {
        if (s.state !== 'filed') return not('作出决定（须先立案）');
        const d = e.data as unknown as CaseDecision;
        if (!d.number?.trim()) return '请填写决定书文号';
        if (d.kind === 'penalty' && !(typeof d.amount === 'number' && d.amount >= 0)) return '罚款金额应为不小于0的数字';
        return { ...base, state: 'decided', decision: { ...d, at: day }, publishBy: addWorkdays(day, PUBLICITY_WORKDAYS[d.kind === 'penalty' ? 'penalty' : 'other'], calendar) };
      }
      case 'transferred':
        if (s.state === 'opened' || s.state === 'closed') return not('移送公安');
        return { ...base, transferredAt: day, transferredTo: typeof e.data.to === 'string' ? e.data.to : null };
      case 'published':
        if (s.state !== 'decided') return not('公开（须先作出决定）');
        return { ...base, state: 'published', publishedAt: day };
      case 'closed':
        if (s.state !== 'published') return not('结案（须先公开处理结果）');
        return { ...base, state: 'closed', closedAt: day };
      default: return `未知的事件类型“${e.kind}”`;
    }
  });
}

/** Whether the publicity deadline has passed without publication on `today`. */
export function publicityOverdue(f: Pick<CaseFold, 'state' | 'publishBy'>, today: string): boolean {
  return f.state === 'decided' && f.publishBy !== null && f.publishBy < today;
}
