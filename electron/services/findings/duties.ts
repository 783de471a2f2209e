import { dutyRefusal } from '../../../shared/auth/duties';
import type { RecordEvent } from '../../../shared/events/event';
import type { FindingFold } from '../../../shared/finding/fold';
import { getFinding } from '../../store/findings';
import { getInspectionRow } from '../../store/inspections';
import { today } from '../clock';
import type { ServiceContext } from '../context';

/** The officers of the inspections behind a problem: the one that raised it and the recheck's. */
function officersOf(ctx: ServiceContext, id: string, fold: FindingFold): string[] {
  const f = getFinding(ctx.store.db, id, today());
  const ids = [f?.sourceKind === 'inspection' ? f.sourceId : null, fold.recheck?.inspectionId ?? null].filter((x): x is string => Boolean(x));
  return ids.flatMap((i) => (getInspectionRow(ctx.store.db, i)?.officers ?? []).map((o) => o.personId).filter((p): p is string => Boolean(p)));
}

/** Why this person may not record this kind of event on the problem (separation of duties), or null. */
export function dutyOf(ctx: ServiceContext, id: string, kind: string, personId: string, current: { fold: FindingFold; events: readonly RecordEvent[] }): string | null {
  if (personId === 'system') return null;
  return dutyRefusal(kind, personId, { events: current.events, officers: officersOf(ctx, id, current.fold), responsiblePersonId: current.fold.responsiblePersonId });
}
