import { probeEvent } from '../events/event';
import { stepFinding, type FindingFold } from './fold';
import { FINDING_EVENT_KINDS, type FindingEventKind } from './states';

/** Data that satisfies every content rule, so only the state decides whether a kind is allowed. */
const PROBE: Partial<Record<FindingEventKind, Record<string, unknown>>> = {
  assigned: { responsibleUnit: '单位', responsiblePerson: '人员' },
  rechecked: { passed: true },
  notice_started: { days: 1 },
  deadline_extended: { deadline: '9999-12-31' },
  objection_handled: { upheld: true },
};

/** The actions a finding allows in its state (what its page offers), decided by the fold itself. */
export function allowedFindingActions(s: FindingFold, today?: string): FindingEventKind[] {
  return FINDING_EVENT_KINDS.filter((kind) => {
    if (kind === 'created') return false;
    // 验收 at either level (县级验收, then 市级复核 where the source needs it).
    if (kind === 'accepted') return ['county', 'city'].some((level) => typeof stepFinding(s, probeEvent('finding', kind, { level })) !== 'string');
    // 公示期满 is offered from the day the notice ends, not before (issue 20): probed on today.
    return typeof stepFinding(s, probeEvent('finding', kind, PROBE[kind] ?? {}, kind === 'notice_ended' && today ? today : undefined)) !== 'string';
  });
}
