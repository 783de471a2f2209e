import { addDays } from '../domain/calendar';
import { dayOf, foldEvents, type RecordEvent } from '../events/event';
import { ACCEPTANCE_LEVEL_LABELS, ACCEPTANCE_LEVELS, FINDING_STATE_LABELS, type AcceptanceLevel, type FindingEventKind, type FindingState } from './states';

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
  /** Each level's acceptance so far (县级验收, 市级复核), and the levels this problem needs (issue 19). */
  acceptances: { level: AcceptanceLevel; at: string; unit: string | null }[];
  /** An objection received during 公示 and not yet dealt with. */
  objectionPending: boolean;
  objections: number;
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
    progress: null, submittedAt: null, recheck: null, acceptedAt: null, acceptedBy: null, acceptances: [], objectionPending: false, objections: 0, noticeFrom: null, noticeTo: null, noticeEnded: false,
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
    acceptedAt: null, acceptedBy: null, acceptances: [], objectionPending: false, noticeFrom: null, noticeTo: null, closedAt: null, deadline: deadline && deadline > s.deadline ? deadline : s.deadline,
  };
}

/**
 * 验收 at one level. The levels the problem needs travel in the event (as the settings said when it
 * was recorded), so every replica folds alike; an acceptance recorded before levels existed is whole.
 */
function accept(s: FindingFold, base: FindingFold, e: RecordEvent, day: string): FindingFold | string {
  if (s.state !== 'rechecked') return not(s.state, '验收（须现场复查合格）');
  const level = (e.data.level ?? 'county') as AcceptanceLevel;
  if (!ACCEPTANCE_LEVELS.includes(level)) return `未知的验收层级“${String(e.data.level)}”`;
  if (s.acceptances.some((a) => a.level === level)) return `该问题已${ACCEPTANCE_LEVEL_LABELS[level]}`;
  if (level === 'city' && !s.acceptances.some((a) => a.level === 'county')) return '须先经县级验收，再报市级复核';
  const acceptances = [...s.acceptances, { level, at: day, unit: str(e.data.unit) }];
  const required = Array.isArray(e.data.required) ? (e.data.required as AcceptanceLevel[]) : null;
  const whole = !required || required.every((l) => acceptances.some((a) => a.level === l));
  return whole ? { ...base, acceptances, state: 'accepted', acceptedAt: day, acceptedBy: str(e.data.unit) } : { ...base, acceptances };
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
      return accept(s, base, e, day);
    case 'notice_started': {
      if (s.state !== 'accepted') return not(s.state, '开始公示（须先验收）');
      const days = Number(e.data.days);
      if (!Number.isInteger(days) || days < 1) return '公示天数应为正整数';
      return { ...base, state: 'noticed', noticeFrom: day, noticeTo: addDays(day, days), noticeEnded: false };
    }
    case 'objected':
      if (s.state !== 'noticed' || s.noticeEnded) return not(s.state, '登记公示异议（仅限公示期内）');
      if (!e.text.trim()) return '请填写异议内容';
      return { ...base, objectionPending: true, objections: s.objections + 1 };
    case 'objection_handled': {
      if (!s.objectionPending) return '没有待处理的公示异议';
      // Upheld: back to 整改中, acceptance and 公示 start over; dismissed: the reason is recorded and 公示 goes on.
      if (e.data.upheld === true) return { ...base, state: 'rectifying', objectionPending: false, acceptances: [], acceptedAt: null, acceptedBy: null, noticeFrom: null, noticeTo: null, noticeEnded: false, submittedAt: null };
      if (!e.text.trim()) return '异议不成立的，须写明理由';
      return { ...base, objectionPending: false };
    }
    case 'notice_ended':
      if (s.objectionPending) return '公示期间收到的异议尚未处理';
      if (s.state !== 'noticed' || s.noticeEnded) return not(s.state, '结束公示');
      if (s.noticeTo && day < s.noticeTo) return `公示期至 ${s.noticeTo} 止，尚未期满`;
      return { ...base, noticeEnded: true };
    case 'closed': {
      if (s.objectionPending) return '公示期间收到的异议尚未处理';
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
