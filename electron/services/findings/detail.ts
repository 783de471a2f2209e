import type { FindingDetail } from '../../../shared/api/findings';
import { DomainError } from '../../../shared/api/result';
import { allowedFindingActions } from '../../../shared/finding/actions';
import { getFinding } from '../../store/findings';
import { prepared } from '../../store/statements';
import { today } from '../clock';
import type { ServiceContext } from '../context';
import { readSettings } from '../workspace';
import { foldFindingOf } from './refresh';

/** Finalized inspections of a finding's target since it was found: what a re-check can point at. */
export function recheckCandidates(ctx: ServiceContext, f: { targetKind: string; targetId: string | null; targetName: string; sourceId: string | null; foundAt: string }) {
  // A site has no register id: its inspections are known by the name the inspector gave it.
  const [col, value] = f.targetId ? ['i.target_id', f.targetId] : ['i.target_name', f.targetName];
  return prepared(ctx.store.db, `SELECT i.id, i.started_at AS startedAt, t.name AS templateName, i.failing_count AS failingCount
    FROM inspections i JOIN checklist_templates t ON t.id = i.template_id
    WHERE i.target_kind = ? AND ${col} = ? AND i.state = 'finalized' AND i.id IS NOT ? AND substr(i.started_at, 1, 10) >= ?
    ORDER BY i.started_at DESC LIMIT 20`).all(f.targetKind, value, f.sourceId, f.foundAt) as FindingDetail['inspections'];
}

/** A finding with its timeline (flags shown), the actions its state allows and re-check candidates. */
export function findingDetail(ctx: ServiceContext, id: string): FindingDetail {
  const { fold, seed, events } = foldFindingOf(ctx.store, id);
  const finding = getFinding(ctx.store.db, id, today());
  if (!finding) throw new DomainError('not_found', '未找到该问题');
  const s = readSettings(ctx.store.db);
  return {
    finding, events, allowed: allowedFindingActions(fold), inspections: recheckCandidates(ctx, finding),
    settings: { noticeDays: s.noticeDays, recheckAfterDays: s.recheckAfterDays, maxExtensionDays: s.findingMaxExtensionDays },
    originalDeadline: seed.deadline,
  };
}
