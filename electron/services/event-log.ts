import { DomainError } from '../../shared/api/result';
import { invalidFields } from '../../shared/api/result';
import { probeEvent, type EventStream, type RecordEvent } from '../../shared/events/event';
import { appendEvent, eventsOf } from '../store/events';
import { nowMinute, today } from './clock';
import { newId, type ServiceContext } from './context';

export type Folded<S> = { state: S; flags: Map<string, string> };

/**
 * Appends an event to a record's log only if the fold accepts it at the end of the log; otherwise
 * nothing is written and the fold's reason is the message.
 */
export function appendIfLegal<S>(
  ctx: ServiceContext, stream: EventStream, streamId: string, fold: (events: RecordEvent[]) => Folded<S>,
  e: { kind: string; at: string; text: string; data: Record<string, unknown>; blobs: string[] }, author: string, label: string,
): string {
  const candidate: RecordEvent = { ...e, id: newId(), stream, streamId, hlc: '\uffff', author, authorName: '', flag: null };
  const { flags } = fold([...eventsOf(ctx.store.db, stream, streamId), candidate]);
  const reason = flags.get(candidate.id);
  if (reason) throw new DomainError('invalid', `${label}：${reason}`);
  appendEvent(ctx.store, candidate.id, { stream, streamId, ...e }, author);
  return candidate.id;
}

/** A record's events with the fold's flags on them (for timelines). */
export function flaggedEvents<S>(ctx: ServiceContext, stream: EventStream, streamId: string, fold: (events: RecordEvent[]) => Folded<S>) {
  const events = eventsOf(ctx.store.db, stream, streamId);
  const { state, flags } = fold(events);
  return { state, flags, events: events.map((x) => ({ ...x, flag: flags.get(x.id) ?? null })) };
}

/** The kinds of event a record's log accepts next (what its page offers), asked of the fold itself. */
export function allowedKinds<K extends string, S>(
  stream: EventStream, kinds: readonly K[], events: RecordEvent[], fold: (events: RecordEvent[]) => Folded<S>,
  data: Record<string, unknown> | ((kind: K) => Record<string, unknown>), at?: string,
): K[] {
  // Data meeting every content rule — one shape for all kinds, or each kind its own (a 送达 names a document, a review its kind).
  const dataOf = typeof data === 'function' ? data : () => data;
  return kinds.filter((kind) => !fold([...events, probeEvent(stream, kind, dataOf(kind), at)]).flags.has('probe'));
}

/** When an action happened: now unless given; never before the record began, never after today. */
export function eventTime(at: string | undefined, earliest: string, earliestLabel: string): string {
  const when = at ?? nowMinute();
  if (when.slice(0, 10) < earliest.slice(0, 10)) throw invalidFields({ at: `日期不能早于${earliestLabel} ${earliest.slice(0, 10)}` });
  if (when.slice(0, 10) > today()) throw invalidFields({ at: '日期不能晚于今天' });
  return when;
}
