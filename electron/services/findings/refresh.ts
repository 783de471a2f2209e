import { DomainError } from '../../../shared/api/result';
import type { RecordEvent } from '../../../shared/events/event';
import { foldFinding } from '../../../shared/finding/fold';
import { eventsOf } from '../../store/events';
import { cacheFindingFold, findingSeed } from '../../store/findings';
import type { Store } from '../../store/store';

/** Folds a finding's events from its seed; the events come back with their flags. */
export function foldFindingOf(store: Store, id: string, events: RecordEvent[] = eventsOf(store.db, 'finding', id)) {
  const seed = findingSeed(store.db, id);
  if (!seed) throw new DomainError('not_found', '未找到该问题');
  const { state, flags } = foldFinding(seed, events);
  return { seed, fold: state, flags, events: events.map((e) => ({ ...e, flag: flags.get(e.id) ?? null })) };
}

/** Folds a finding's events and writes the result to its derived columns (after its log changed). */
export function refreshFinding(store: Store, id: string) {
  const r = foldFindingOf(store, id);
  cacheFindingFold(store.db, id, r.fold, r.flags.size);
  return r;
}
