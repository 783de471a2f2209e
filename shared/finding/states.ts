/** 问题 states in the county's close-out order (DOMAIN: 销号式闭环管理). */
export const FINDING_STATES = ['open', 'rectifying', 'submitted', 'rechecked', 'accepted', 'noticed', 'closed', 'reopened'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

export const FINDING_STATE_LABELS: Record<FindingState, string> = {
  open: '待整改', rectifying: '整改中', submitted: '待复查', rechecked: '复查合格待验收',
  accepted: '已验收待公示', noticed: '公示中', closed: '已销号', reopened: '反弹重新整改',
};

/** States before acceptance: a finding past its deadline in one of them is overdue (超期). */
export const UNFINISHED_STATES: readonly FindingState[] = ['open', 'rectifying', 'submitted', 'rechecked', 'reopened'];

export const FINDING_EVENT_KINDS = [
  'created', 'assigned', 'progress', 'submitted', 'rechecked', 'accepted', 'notice_started', 'notice_ended',
  'closed', 'reopened', 'deadline_extended', 'objected', 'objection_handled', 'comment',
] as const;
export type FindingEventKind = (typeof FINDING_EVENT_KINDS)[number];

export const FINDING_EVENT_LABELS: Record<FindingEventKind, string> = {
  created: '问题登记', assigned: '交办', progress: '整改进展', submitted: '申请验收', rechecked: '现场复查',
  accepted: '验收通过', notice_started: '开始公示', notice_ended: '公示期满', closed: '销号', reopened: '重新打开（反弹）',
  deadline_extended: '延长整改时限', objected: '收到公示异议', objection_handled: '处理公示异议', comment: '备注',
};

/**
 * Who accepts a problem before 销号, by its source (issue 19): a problem handed down by the central or
 * provincial 督察 is accepted by the county and reviewed by the city; the county's own by the county.
 * A setting (验收层级) — provinces differ; this is the default.
 */
export const ACCEPTANCE_LEVELS = ['county', 'city'] as const;
export type AcceptanceLevel = (typeof ACCEPTANCE_LEVELS)[number];
export const ACCEPTANCE_LEVEL_LABELS: Record<AcceptanceLevel, string> = { county: '县级验收', city: '市级复核' };
export const DEFAULT_ACCEPTANCE: Record<string, AcceptanceLevel[]> = {
  central: ['county', 'city'], provincial: ['county', 'city'], inspection: ['county'], complaint: ['county'], monitoring: ['county'],
};

/** Whether a finding is overdue on `today` (derived, never stored). */
export function isOverdue(f: { state: string; deadline: string }, today: string): boolean {
  return (UNFINISHED_STATES as readonly string[]).includes(f.state) && f.deadline < today;
}
