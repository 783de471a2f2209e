/** What a target on the map needs (its marker colour), worst first. */
export const TARGET_STATUSES = ['overdue', 'open', 'uninspected', 'clean'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export const TARGET_STATUS_LABELS: Record<TargetStatus, string> = {
  overdue: '有超期问题', open: '有未销号问题', uninspected: '本年度未检查', clean: '已检查、无未销号问题',
};

export const TARGET_STATUS_COLORS: Record<TargetStatus, string> = { overdue: '#c0392b', open: '#e6a23c', uninspected: '#7f8c8d', clean: '#2e8b57' };

/** A target's status from its open and overdue findings and whether it was inspected this year. */
export function targetStatus(open: number, overdue: number, inspectedThisYear: boolean): TargetStatus {
  if (overdue > 0) return 'overdue';
  if (open > 0) return 'open';
  return inspectedThisYear ? 'clean' : 'uninspected';
}
