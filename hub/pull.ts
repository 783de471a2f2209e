import type { SequencedChange } from '../shared/sync/change';
import { PAGE_MAX_BYTES, PAGE_MAX_CHANGES, type PullResponse, type SnapshotRecord } from '../shared/sync/protocol';
import { inSnapshotOrder } from '../shared/sync/entity-order';
import type { Queryable } from './db/hub-db';
import type { Author } from './push';

export type ChangeRow = { hub_seq: number; node: string; nseq: number; entity: string; entity_id: string; hlc: string; author: string; fields: string; base: string; pushed_by: string | null };

/** The columns a change is handed out with. */
export const CHANGE_COLUMNS = 'hub_seq, node, nseq, entity, entity_id, hlc, author, fields, base, pushed_by';

/**
 * The visibility clause for a reader: a town officer sees their towns and records with no town — and,
 * in the log (`node` given), changes that moved a record out of their towns (so their copy shows it
 * left) and their own changes (one an admin released from quarantine comes back as settled).
 */
export function visibleClause(who: Pick<Author, 'role' | 'towns'> & { node?: string }, first: number): { sql: string; params: unknown[] } {
  if (who.role !== 'town') return { sql: '', params: [] };
  const marks = who.towns.map((_, i) => `$${first + i}`).join(', ');
  const mine = who.towns.length ? ` OR town IN (${marks})` : '';
  if (!who.node) return { sql: ` AND (town IS NULL${mine})`, params: who.towns };
  const moved = who.towns.length ? ` OR prev_town IN (${marks})` : '';
  return { sql: ` AND (town IS NULL${mine}${moved} OR node = $${first + who.towns.length})`, params: [...who.towns, who.node] };
}

/** The towns a reader's pages are filtered by (null: not filtered by town). */
export function readerTowns(who: Pick<Author, 'role' | 'towns'>): string[] | null {
  return who.role === 'town' ? who.towns : null;
}

export function rowToChange(r: ChangeRow): SequencedChange {
  return {
    hubSeq: r.hub_seq, cid: `${r.node}:${r.nseq}`, node: r.node, nseq: r.nseq, entity: r.entity, entityId: r.entity_id,
    hlc: r.hlc, author: r.author, fields: JSON.parse(r.fields), base: JSON.parse(r.base), pushedBy: r.pushed_by,
  };
}

/** Changes after a hub sequence that this reader may see, one page (≤ 5,000 changes or 4 MiB). */
export async function pullPage(q: Queryable, who: Pick<Author, 'role' | 'towns' | 'node'>, after: number, limit = PAGE_MAX_CHANGES): Promise<PullResponse> {
  const v = visibleClause(who, 3);
  const rows = await q.all<ChangeRow>(`SELECT ${CHANGE_COLUMNS} FROM changes
    WHERE hub_seq > $1${v.sql} ORDER BY hub_seq LIMIT $2`, [after, Math.min(limit, PAGE_MAX_CHANGES) + 1, ...v.params]);
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

/**
 * One page of the current state for a first sync (DESIGN §8: a snapshot plus a cursor, not the whole
 * history). Records come kind by kind in snapshot order (what a record refers to first), by id within
 * a kind; `cursor` is the hub sequence when the snapshot began, and a record changed since carries
 * its newer heads and `lastSeq`, so pulling from the cursor afterwards skips what the snapshot holds.
 */
export async function snapshotPage(q: Queryable, who: Pick<Author, 'role' | 'towns'>, after: { entity: string; id: string } | null, cursor: number | null, limit = PAGE_MAX_CHANGES) {
  const start = cursor ?? (await q.one<{ s: number | null }>('SELECT max(hub_seq) AS s FROM changes'))?.s ?? 0;
  const kinds = inSnapshotOrder((await q.all<{ entity: string }>('SELECT DISTINCT entity FROM records')).map((r) => r.entity));
  const v = visibleClause({ role: who.role, towns: who.towns }, 4); // records, not changes: no author to match
  const records: SnapshotRecord[] = [];
  let from = after ? kinds.indexOf(after.entity) : 0;
  let id = after?.id ?? '';
  let more = false;
  for (; from >= 0 && from < kinds.length; from++, id = '') {
    const rows = await q.all<{ entity: string; entity_id: string; heads: string; last_seq: number }>(`SELECT entity, entity_id, heads, last_seq FROM records
      WHERE entity = $1 AND entity_id > $2${v.sql} ORDER BY entity_id LIMIT $3`, [kinds[from], id, limit - records.length + 1, ...v.params]);
    for (const r of rows.slice(0, limit - records.length)) records.push({ entity: r.entity, entityId: r.entity_id, heads: JSON.parse(r.heads), lastSeq: r.last_seq });
    if (records.length >= limit) { more = true; break; }
  }
  const lastRec = records[records.length - 1];
  return { records, cursor: start, more, after: lastRec ? { entity: lastRec.entity, id: lastRec.entityId } : after, towns: readerTowns(who) };
}
