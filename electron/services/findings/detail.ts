import type { FindingDetail } from '../../../shared/api/findings';
import { DomainError } from '../../../shared/api/result';
import { allowedFindingActions } from '../../../shared/finding/actions';
import { getFinding } from '../../store/findings';
import { today } from '../clock';
import type { ServiceContext } from '../context';
import { readSettings } from '../../store/settings';
import { dutyOf } from './duties';
import { foldFindingOf } from './refresh';
import { finalizedInspectionsSince } from '../../store/inspections';

/** Finalized inspections of a finding's target since it was found: what a re-check can point at. */
export function recheckCandidates(ctx: ServiceContext, f: { targetKind: string; targetId: string | null; targetName: string; sourceId: string | null; foundAt: string }) {
  return finalizedInspectionsSince(ctx.store.db, f);
}

/** A finding with its timeline (flags shown), the actions its state allows and re-check candidates. */
export function findingDetail(ctx: ServiceContext, id: string): FindingDetail {
  const { fold, seed, events } = foldFindingOf(ctx.store, id);
  const finding = getFinding(ctx.store.db, id, today());
  if (!finding) throw new DomainError('not_found', '未找到该问题');
  const s = readSettings(ctx.store.db);
  // What this person may not do here (they took part in it) is not offered; the service refuses it anyway.
  const me = ctx.session.personId;
  const possible = allowedFindingActions(fold, today());
  const withheld = me ? possible.flatMap((kind) => { const reason = dutyOf(ctx, id, kind, me, { fold, events }); return reason ? [{ kind, reason }] : []; }) : [];
  return {
    finding, events, allowed: possible.filter((k) => !withheld.some((w) => w.kind === k)), withheld, inspections: recheckCandidates(ctx, finding),
    settings: { noticeDays: s.noticeDays, recheckAfterDays: s.recheckAfterDays, maxExtensionDays: s.findingMaxExtensionDays },
    originalDeadline: seed.deadline,
  };
}
