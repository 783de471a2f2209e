import type { Change, SequencedChange } from '../../shared/sync/change';
import type { Queryable } from './hub-db';
import { visibleClause, type Reader } from './visibility';

/** The hub's change log (`changes`) and each node's last change received (`node_seqs`). */

export type ChangeRow = { hub_seq: number; node: string; nseq: number; entity: string; entity_id: string; hlc: string; author: string; fields: string; base: string; pushed_by: string | null };

/** A change as first received under its id, to tell a repeat from a clone. */
export type StoredChange = { entity: string; entity_id: string; hlc: string; author: string; fields: string };

/** The columns a change is handed out with. */
const CHANGE_COLUMNS = 'hub_seq, node, nseq, entity, entity_id, hlc, author, fields, base, pushed_by';

/** A logged change as the protocol hands it out. */
export function rowToChange(r: ChangeRow): SequencedChange {
  return {
    hubSeq: r.hub_seq, cid: `${r.node}:${r.nseq}`, node: r.node, nseq: r.nseq, entity: r.entity, entityId: r.entity_id,
    hlc: r.hlc, author: r.author, fields: JSON.parse(r.fields), base: JSON.parse(r.base), pushedBy: r.pushed_by,
  };
}

/** The newest hub sequence (0 for an empty log). */
export async function latestHubSeq(q: Queryable): Promise<number> {
  return (await q.one<{ s: number | null }>('SELECT max(hub_seq) AS s FROM changes'))?.s ?? 0;
}

/** Up to `rows` changes after a hub sequence that this reader may see, in hub order. */
export async function changesAfter(q: Queryable, who: Reader, after: number, rows: number): Promise<ChangeRow[]> {
  const v = visibleClause(who, 3);
  return q.all<ChangeRow>(`SELECT ${CHANGE_COLUMNS} FROM changes
    WHERE hub_seq > $1${v.sql} ORDER BY hub_seq LIMIT $2`, [after, rows, ...v.params]);
}

/** Every change of one record, in hub order. */
export function changesOfRecord(q: Queryable, entity: string, id: string): Promise<ChangeRow[]> {
  return q.all<ChangeRow>(`SELECT ${CHANGE_COLUMNS} FROM changes
      WHERE entity = $1 AND entity_id = $2 ORDER BY hub_seq`, [entity, id]);
}

/** The change received under this id, if any. */
export function storedChange(q: Queryable, node: string, nseq: number): Promise<StoredChange | undefined> {
  return q.one<StoredChange>('SELECT entity, entity_id, hlc, author, fields FROM changes WHERE node = $1 AND nseq = $2', [node, nseq]);
}

/** What the hub notes beside a change it logs. */
export type Receipt = { town: string | null; prevTown: string | null; deviceId: string | null; pushedBy: string | null; receivedAt: string; clockFlag: number };

/** Logs a change with the next hub sequence; returns that sequence. */
export async function insertChange(q: Queryable, c: Change, r: Receipt): Promise<number> {
  const inserted = await q.one<{ hub_seq: number }>(`INSERT INTO changes (node, nseq, entity, entity_id, hlc, author, fields, base, town, device_id, received_at, clock_flag, prev_town, pushed_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING hub_seq`,
  [c.node, c.nseq, c.entity, c.entityId, c.hlc, c.author, JSON.stringify(c.fields), JSON.stringify(c.base), r.town, r.deviceId, r.receivedAt, r.clockFlag, r.prevTown, r.pushedBy]);
  return inserted!.hub_seq;
}

/** Logs changes in order, 200 to a statement, each with the next hub sequence; returns their sequences in the same order. */
export async function insertChanges(q: Queryable, rows: { c: Change; receipt: Receipt }[]): Promise<number[]> {
  const out: number[] = [];
  for (let at = 0; at < rows.length; at += 200) {
    const part = rows.slice(at, at + 200);
    const values = part.map((_, i) => `(${Array.from({ length: 14 }, (_, j) => `$${14 * i + j + 1}`).join(', ')})`).join(', ');
    const params = part.flatMap(({ c, receipt: r }) => [c.node, c.nseq, c.entity, c.entityId, c.hlc, c.author, JSON.stringify(c.fields), JSON.stringify(c.base),
      r.town, r.deviceId, r.receivedAt, r.clockFlag, r.prevTown, r.pushedBy]);
    const got = await q.all<{ hub_seq: number; node: string; nseq: number }>(`INSERT INTO changes (node, nseq, entity, entity_id, hlc, author, fields, base, town, device_id, received_at, clock_flag, prev_town, pushed_by)
      VALUES ${values} RETURNING hub_seq, node, nseq`, params);
    // Matched by id, not by the order rows come back in (which neither database promises).
    const seq = new Map(got.map((g) => [`${g.node}:${Number(g.nseq)}`, Number(g.hub_seq)]));
    for (const { c } of part) out.push(seq.get(`${c.node}:${c.nseq}`)!);
  }
  // Numbered in the order given (what pulls apply them in): checked, not assumed of the database.
  for (let i = 1; i < out.length; i++) if (!(out[i] > out[i - 1])) throw new Error('变更的中心序号未按写入顺序递增');
  return out;
}

/** The records whose changes in (from, to] moved them between towns, as far as this reader may see them. */
export async function recordsMovedBetween(q: Queryable, who: Reader, from: number, to: number): Promise<{ entity: string; entity_id: string }[]> {
  const v = visibleClause({ role: who.role, towns: who.towns }, 3);
  return q.all<{ entity: string; entity_id: string }>(`SELECT DISTINCT entity, entity_id FROM changes
      WHERE hub_seq > $1 AND hub_seq <= $2 AND prev_town IS NOT NULL${v.sql}`, [from, to, ...v.params]);
}

/** How many changes of each device carried a clock far ahead of the hub's. */
export async function clockAheadByDevice(q: Queryable): Promise<Map<string, number>> {
  return new Map((await q.all<{ device_id: string; n: number }>('SELECT device_id, count(*) AS n FROM changes WHERE clock_flag = 1 GROUP BY device_id'))
    .map((r) => [r.device_id, Number(r.n)]));
}

/** One page (5,000) of the changes of these kinds after a hub sequence, for a one-time fill. */
export async function changesOfKindsAfter(q: Queryable, kinds: string[], after: number): Promise<{ hub_seq: number; entity: string; entity_id: string; fields: string }[]> {
  const marks = kinds.map((_, i) => `$${i + 2}`).join(', ');
  return q.all<{ hub_seq: number; entity: string; entity_id: string; fields: string }>(`SELECT hub_seq, entity, entity_id, fields FROM changes
      WHERE hub_seq > $1 AND entity IN (${marks}) ORDER BY hub_seq LIMIT 5000`, [after, ...kinds]);
}

/** Files the logged changes of directory entries and conflicts of interest under their records' towns (once, for an older hub). */
export function changeTownsFromRecords(q: Queryable): Promise<void> {
  return q.run(`UPDATE changes SET town = (SELECT r.town FROM records r WHERE r.entity = changes.entity AND r.entity_id = changes.entity_id) WHERE entity IN ('directory_entry', 'inspector_conflict')`);
}

/** The last change of a node the hub has received (0: none). */
export async function lastNseqOf(q: Queryable, node: string): Promise<number> {
  return (await q.one<{ last_nseq: number }>('SELECT last_nseq FROM node_seqs WHERE node = $1', [node]))?.last_nseq ?? 0;
}

/** Notes the last change of a node the hub has received. */
export function setLastNseq(q: Queryable, node: string, last: number): Promise<void> {
  return q.run('INSERT INTO node_seqs (node, last_nseq) VALUES ($1, $2) ON CONFLICT (node) DO UPDATE SET last_nseq = excluded.last_nseq', [node, last]);
}
