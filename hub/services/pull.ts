import type { SequencedChange } from '../../shared/sync/change';
import { PAGE_MAX_BYTES, PAGE_MAX_CHANGES, type PullResponse, type SnapshotRecord } from '../../shared/sync/protocol';
import { inSnapshotOrder } from '../../shared/sync/entity-order';
import { changesAfter, latestHubSeq, rowToChange } from '../db/changes';
import { advanceCursor } from '../db/devices';
import type { Queryable } from '../db/hub-db';
import { recordKinds, recordsAfter } from '../db/records';
import type { Author } from './accounts';

/** The towns a reader's pages are filtered by (null: not filtered by town). */
export function readerTowns(who: Pick<Author, 'role' | 'towns'>): string[] | null {
  return who.role === 'town' ? who.towns : null;
}

/** The newest hub sequence (what /health reports). */
export async function hubSeq(q: Queryable): Promise<number> {
  return latestHubSeq(q);
}

/** Changes after a hub sequence that this reader may see, one page (≤ 5,000 changes or 4 MiB). */
export async function pullPage(q: Queryable, who: Pick<Author, 'role' | 'towns' | 'node'>, after: number, limit = PAGE_MAX_CHANGES): Promise<PullResponse> {
  const rows = await changesAfter(q, who, after, Math.min(limit, PAGE_MAX_CHANGES) + 1);
  const changes: SequencedChange[] = [];
  let bytes = 0;
  for (const r of rows.slice(0, Math.min(limit, PAGE_MAX_CHANGES))) {
    bytes += r.fields.length + r.base.length + 200;
    if (changes.length > 0 && bytes > PAGE_MAX_BYTES) break;
    changes.push(rowToChange(r));
  }
  const more = changes.length < rows.length;
  const next = changes.length ? changes[changes.length - 1].hubSeq : after;
  return { changes, next, more, towns: readerTowns(who) };
}

/** A device's page of changes; then its acknowledgement of the hub's changes (where a return bundle starts) moves up to `ack`. */
export async function pullForDevice(q: Queryable, who: Pick<Author, 'deviceId' | 'role' | 'towns' | 'node'>, after: number, ack: number, limit?: number): Promise<PullResponse> {
  const page = await pullPage(q, who, after, limit);
  await advanceCursor(q, who.deviceId!, ack);
  return page;
}

/**
 * One page of the current state for a first sync (DESIGN §8: a snapshot plus a cursor, not the whole
 * history). Records come kind by kind in snapshot order (what a record refers to first), by id within
 * a kind; `cursor` is the hub sequence when the snapshot began, and a record changed since carries
 * its newer heads and `lastSeq`, so pulling from the cursor afterwards skips what the snapshot holds.
 */
export async function snapshotPage(q: Queryable, who: Pick<Author, 'role' | 'towns'>, after: { entity: string; id: string } | null, cursor: number | null, limit = PAGE_MAX_CHANGES) {
  const start = cursor ?? await latestHubSeq(q);
  const kinds = inSnapshotOrder(await recordKinds(q));
  const records: SnapshotRecord[] = [];
  let from = after ? kinds.indexOf(after.entity) : 0;
  let id = after?.id ?? '';
  let more = false;
  for (; from >= 0 && from < kinds.length; from++, id = '') {
    const rows = await recordsAfter(q, who, kinds[from], id, limit - records.length + 1);
    for (const r of rows.slice(0, limit - records.length)) records.push({ entity: r.entity, entityId: r.entity_id, heads: JSON.parse(r.heads), lastSeq: r.last_seq });
    if (records.length >= limit) { more = true; break; }
  }
  const lastRec = records[records.length - 1];
  return { records, cursor: start, more, after: lastRec ? { entity: lastRec.entity, id: lastRec.entityId } : after, towns: readerTowns(who) };
}
