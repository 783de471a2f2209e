import type { Database } from 'better-sqlite3';
import { byHlc, type EventStream, type RecordEvent } from '../../shared/events/event';
import { RECORD_EVENT } from './entities';
import { prepared } from './statements';
import type { Store } from './store';

export type NewEvent = { stream: EventStream; streamId: string; kind: string; at: string; text: string; data: Record<string, unknown>; blobs: string[] };

/** Appends one event through the write path; its HLC orders it in the log on every replica. */
export function appendEvent(store: Store, id: string, e: NewEvent, author: string): string {
  const hlc = store.clock.next();
  store.write(RECORD_EVENT, id, { ...e, hlc, author }, author);
  return hlc;
}

type EventRow = { id: string; stream: EventStream; stream_id: string; kind: string; hlc: string; author: string; author_name: string | null; at: string; text: string; data: string; blobs: string };

function rowToEvent(r: EventRow): RecordEvent {
  return {
    id: r.id, stream: r.stream, streamId: r.stream_id, kind: r.kind, hlc: r.hlc, author: r.author,
    authorName: r.author_name ?? (r.author === 'system' ? '系统' : r.author), at: r.at, text: r.text,
    data: JSON.parse(r.data) as Record<string, unknown>, blobs: JSON.parse(r.blobs) as string[], flag: null,
  };
}

/** The events of one record in HLC order. */
export function eventsOf(db: Database, stream: EventStream, streamId: string): RecordEvent[] {
  const rows = prepared(db, `SELECT e.*, p.name AS author_name FROM record_events e LEFT JOIN people p ON p.id = e.author
    WHERE e.stream = ? AND e.stream_id = ? AND e.deleted_at IS NULL ORDER BY e.hlc, e.id`).all(stream, streamId) as EventRow[];
  return rows.map(rowToEvent).sort(byHlc);
}

/** Every event of a stream grouped by record (for refolding a whole workspace). */
export function* eventsByRecord(db: Database, stream: EventStream): Generator<[string, RecordEvent[]]> {
  let current: string | null = null;
  let batch: RecordEvent[] = [];
  const rows = db.prepare(`SELECT id, stream, stream_id, kind, hlc, author, NULL AS author_name, at, text, data, blobs FROM record_events
    WHERE stream = ? AND deleted_at IS NULL ORDER BY stream_id, hlc, id`).iterate(stream) as IterableIterator<EventRow>;
  for (const r of rows) {
    if (r.stream_id !== current) {
      if (current !== null) yield [current, batch];
      current = r.stream_id;
      batch = [];
    }
    batch.push(rowToEvent(r));
  }
  if (current !== null) yield [current, batch];
}
