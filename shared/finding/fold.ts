import { addDays } from '../domain/calendar';
import { dayOf, foldEvents, type RecordEvent } from '../events/event';
import { FINDING_STATE_LABELS, type FindingEventKind, type FindingState } from './states';

/** What a finding's events say about it now. */
export type FindingFold = {
  state: FindingState;
  deadline: string;
  responsibleUnit: string;
  responsiblePerson: string;
  responsiblePersonId: string | null;
  progress: string | null;
  submittedAt: string | null;
  recheck: { inspectionId: string | null; passed: boolean; at: string } | null;
  acceptedAt: string | null;
  acceptedBy: string | null;
  noticeFrom: string | null;
  noticeTo: string | null;
  noticeEnded: boolean;
  closedAt: string | null;
  /** The re-check after close-out (应销尽销不反弹), due on this date. */
  recheckDue: string | null;
  reopenCount: number;
  extensions: number;
  lastEventAt: string | null;
  started: boolean;
};

/** The state a finding starts in, from the fields it was raised with. */
export function initialFinding(f: { deadline: string; responsibleUnit: string; responsiblePerson: string }): FindingFold {
  return {
    state: 'open', deadline: f.deadline, responsibleUnit: f.responsibleUnit, responsiblePerson: f.responsiblePerson, responsiblePersonId: null,
    progress: null, submittedAt: null, recheck: null, acceptedAt: null, acceptedBy: null, noticeFrom: null, noticeTo: null, noticeEnded: false,
    closedAt: null, recheckDue: null, reopenCount: 0, extensions: 0, lastEventAt: null, started: false,
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const not = (s: FindingState, what: string) => `问题当前为“${FINDING_STATE_LABELS[s]}”，不能${what}`;

/** 反弹: back to rectification, counted; acceptance, notice and close-out start over, with a new deadline if given. */
function reopen(s: FindingFold, e: RecordEvent): FindingFold {
  const deadline = str(e.data.deadline);
  return {
    ...s, state: 'reopened', reopenCount: s.reopenCount + 1, recheckDue: null, noticeEnded: false, submittedAt: null,
    acceptedAt: null, acceptedBy: null, noticeFrom: null, noticeTo: null, closedAt: null, deadline: deadline && deadline > s.deadline ? deadline : s.deadline,
  };
}

/** One event applied to a finding: the next state, or why the event is illegal here. */
export function stepFinding(s: FindingFold, e: RecordEvent): FindingFold | string {
  const day = dayOf(e.at);
  const base = { ...s, lastEventAt: e.at };
  const kind = e.kind as FindingEventKind;
  switch (kind) {
    case 'created':
      return s.started ? '问题已登记，不能重复登记' : { ...base, started: true };
    case 'comment':
      return base;
    case 'assigned': {
      if (s.state === 'closed') return not(s.state, '交办');
      const unit = str(e.data.responsibleUnit), person = str(e.data.responsiblePerson);
      if (!unit || !person) return '交办须写明责任单位和责任人';
      return { ...base, responsibleUnit: unit, responsiblePerson: person, responsiblePersonId: str(e.data.personId) };
    }
    case 'progress':
      if (!['open', 'rectifying', 'reopened'].includes(s.state)) return not(s.state, '填报整改进展');
      return { ...base, state: 'rectifying', progress: e.text };
    case 'submitted':
      if (!['open', 'rectifying', 'reopened'].includes(s.state)) return not(s.state, '申请验收');
      return { ...base, state: 'submitted', submittedAt: day };
    case 'rechecked': {
      const passed = e.data.passed === true;
      const recheck = { inspectionId: str(e.data.inspectionId), passed, at: day };
      if (s.state === 'submitted') return { ...base, recheck, state: passed ? 'rechecked' : 'rectifying' };
      // After close-out: a passing re-check settles it; a failing one is 反弹.
      if (s.state === 'closed') return passed ? { ...base, recheck, recheckDue: null } : { ...reopen(base, e), recheck };
      return not(s.state, '登记复查结果（须先申请验收，或已销号）');
    }
    case 'accepted':
      if (s.state !== 'rechecked') return not(s.state, '验收（须现场复查合格）');
      return { ...base, state: 'accepted', acceptedAt: day, acceptedBy: str(e.data.unit) };
    case 'notice_started': {
      if (s.state !== 'accepted') return not(s.state, '开始公示（须先验收）');
      const days = Number(e.data.days);
      if (!Number.isInteger(days) || days < 1) return '公示天数应为正整数';
      return { ...base, state: 'noticed', noticeFrom: day, noticeTo: addDays(day, days), noticeEnded: false };
    }
    case 'notice_ended':
      if (s.state !== 'noticed' || s.noticeEnded) return not(s.state, '结束公示');
      if (s.noticeTo && day < s.noticeTo) return `公示期至 ${s.noticeTo} 止，尚未期满`;
      return { ...base, noticeEnded: true };
    case 'closed': {
      if (s.state !== 'noticed' || !s.noticeEnded) return not(s.state, '销号（须公示期满）');
      const after = Number(e.data.recheckAfterDays);
      return { ...base, state: 'closed', closedAt: day, recheckDue: Number.isInteger(after) && after > 0 ? addDays(day, after) : null };
    }
    case 'reopened':
      if (!['accepted', 'noticed', 'closed'].includes(s.state)) return not(s.state, '重新打开');
      return reopen(base, e);
    case 'deadline_extended': {
      if (['accepted', 'noticed', 'closed'].includes(s.state)) return not(s.state, '延长整改时限');
      const deadline = str(e.data.deadline);
      if (!deadline || deadline <= s.deadline) return `新的整改时限应晚于原时限 ${s.deadline}`;
      return { ...base, deadline, extensions: s.extensions + 1 };
    }
    default:
      return `未知的事件类型“${e.kind}”`;
  }
}

/** A finding's state from its events in HLC order; illegal events are flagged, not applied. */
export function foldFinding(seed: { deadline: string; responsibleUnit: string; responsiblePerson: string }, events: readonly RecordEvent[]) {
  return foldEvents(initialFinding(seed), events, stepFinding);
}
