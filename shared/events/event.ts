import { z } from 'zod';

/** The streams whose state is a fold over an append-only event log (DESIGN §5). */
export const EVENT_STREAMS = ['finding', 'complaint', 'case'] as const;
export type EventStream = (typeof EVENT_STREAMS)[number];

/** One event of a log: who did what, when it happened (`at`) and where it sorts (`hlc`). */
export const RecordEvent = z.object({
  id: z.string(), stream: z.enum(EVENT_STREAMS), streamId: z.string(), kind: z.string(),
  hlc: z.string(), author: z.string(), authorName: z.string(),
  /** When it happened as the user states it (a date or a local minute). */
  at: z.string(),
  text: z.string(), data: z.record(z.string(), z.unknown()), blobs: z.array(z.string()),
  /** Why the event is not in effect, when it was illegal at its place in the log. */
  flag: z.string().nullable(),
});
export type RecordEvent = z.infer<typeof RecordEvent>;

/** A step returns the next state, or a reason the event is illegal where it stands. */
export type Step<S> = (state: S, event: RecordEvent) => S | string;

/** HLC order; ties (impossible between nodes) fall back to the event id so every replica agrees. */
export function byHlc(a: Pick<RecordEvent, 'hlc' | 'id'>, b: Pick<RecordEvent, 'hlc' | 'id'>): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The state of one record: its events applied in HLC order. An illegal event is kept and flagged,
 * never dropped, and leaves the state as it was — so every replica derives the same state and flags.
 */
export function foldEvents<S>(initial: S, events: readonly RecordEvent[], step: Step<S>): { state: S; flags: Map<string, string> } {
  const sorted = [...events].sort(byHlc);
  const flags = new Map<string, string>();
  let state = initial;
  for (const e of sorted) {
    const next = step(state, e);
    if (typeof next === 'string') flags.set(e.id, next);
    else state = next;
  }
  return { state, flags };
}

/** The date part of an event's `at`. */
export function dayOf(at: string): string {
  return at.slice(0, 10);
}

/**
 * A stand-in event of `kind` at the end of a log (latest HLC, far-future date unless a log's rules
 * count from a date — then today's —, content that meets every content rule): folding it tells whether a record's state allows that kind at all.
 */
export function probeEvent(stream: EventStream, kind: string, data: Record<string, unknown>, at = '2999-12-31'): RecordEvent {
  return { id: 'probe', stream, streamId: 'probe', kind, hlc: '\uffff', author: '', authorName: '', at, text: '理由', data, blobs: [], flag: null };
}
