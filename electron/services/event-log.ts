import { DomainError } from '../../shared/api/result';
import type { EventStream, RecordEvent } from '../../shared/events/event';
import { appendEvent, eventsOf } from '../store/events';
import { newId, type ServiceContext } from './context';

export type Folded<S> = { state: S; flags: Map<string, string> };

/**
 * Appends an event to a record's log only if the fold accepts it at the end of the log; otherwise
 * nothing is written and the fold's reason is the message.
 */
export function appendIfLegal<S>(
  ctx: ServiceContext, stream: EventStream, streamId: string, fold: (events: RecordEvent[]) => Folded<S>,
  e: { kind: string; at: string; text: string; data: Record<string, unknown>; blobs: string[] }, author: string, label: string,
): void {
  const candidate: RecordEvent = { ...e, id: newId(), stream, streamId, hlc: '\uffff', author, authorName: '', flag: null };
  const { flags } = fold([...eventsOf(ctx.store.db, stream, streamId), candidate]);
  const reason = flags.get(candidate.id);
  if (reason) throw new DomainError('invalid', `${label}：${reason}`);
  appendEvent(ctx.store, candidate.id, { stream, streamId, ...e }, author);
}

/** A record's events with the fold's flags on them (for timelines). */
export function flaggedEvents<S>(ctx: ServiceContext, stream: EventStream, streamId: string, fold: (events: RecordEvent[]) => Folded<S>) {
  const events = eventsOf(ctx.store.db, stream, streamId);
  const { state, flags } = fold(events);
  return { state, flags, events: events.map((x) => ({ ...x, flag: flags.get(x.id) ?? null })) };
}
