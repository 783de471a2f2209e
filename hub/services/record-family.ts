import type { SequencedChange } from '../../shared/sync/change';
import { DELETED, winningValues, type FieldHeads } from '../../shared/sync/merge';
import { parentOf } from '../../shared/sync/roles';
import { changeTownsFromRecords, changesOfRecord, rowToChange, type ChangeRow } from '../db/changes';
import type { HubDb, Queryable } from '../db/hub-db';
import { addMeta, metaValue } from '../db/meta';
import { childTownsFromParents, childrenOf, recordVisible, visibleRecordState, recordsOfChildKinds, setParent } from '../db/records';
import type { SnapshotRecord } from '../../shared/sync/protocol';
import type { Author } from './accounts';
import { recordsThatName, setRecordRefs } from '../db/record-refs';
import { referencesOf } from '../../shared/sync/references';

type Key = { entity: string; id: string };

/** The record a child record belongs to, as "entity:id" (an inspection's answers, a finding's events), or null. */
export function parentKey(entity: string, id: string, heads: FieldHeads): string | null {
  const p = parentOf(entity, id, winningValues(heads));
  return p ? `${p.entity}:${p.id}` : null;
}

/** Fills `records.parent` for a hub that kept records before it had the column (once). */
export async function fillParents(db: HubDb): Promise<void> {
  if (await metaValue(db, 'records_parent') !== undefined) return;
  const rows = await recordsOfChildKinds(db);
  await db.tx(async (q) => {
    for (const r of rows) {
      const parent = parentKey(r.entity, r.entity_id, JSON.parse(r.heads) as FieldHeads);
      if (parent) await setParent(q, r.entity, r.entity_id, parent);
    }
    // Directory entries and conflicts of interest had no town before they followed their enterprise's.
    await childTownsFromParents(q);
    await changeTownsFromRecords(q);
    await addMeta(q, 'records_parent', '1');
  });
}

/** Notes what each record names, for a hub that kept records before it did (once; in pages, so a large hub's memory stays bounded). */
export async function fillRecordRefs(db: HubDb): Promise<void> {
  if (await metaValue(db, 'record_refs') !== undefined) return;
  await db.tx(async (q) => {
    let after = { entity: '', id: '' };
    for (;;) {
      const rows = await recordsThatName(q, after, 1000);
      for (const r of rows) {
        const values = winningValues(JSON.parse(r.heads) as FieldHeads);
        await setRecordRefs(q, r.entity, r.entity_id, values[DELETED] ? [] : referencesOf(r.entity, r.entity_id, values));
      }
      if (rows.length < 1000) break;
      after = { entity: rows[rows.length - 1].entity, id: rows[rows.length - 1].entity_id };
    }
    await addMeta(q, 'record_refs', '1');
  });
}

/**
 * These records as they stand, those this reader may see (its own or as references): a laptop that
 * lacks one takes it as a snapshot would — its history may name records the reader may not see (the
 * enterprise an outfall belonged to before, in another town) — and one it holds is brought up to date
 * by its history.
 */
export async function recordStates(q: Queryable, who: Pick<Author, 'role' | 'towns'>, keys: Key[]): Promise<SnapshotRecord[]> {
  const out: SnapshotRecord[] = [];
  for (const k of keys) {
    const r = await visibleRecordState(q, who, k.entity, k.id);
    if (r) out.push({ entity: r.entity, entityId: r.entity_id, heads: JSON.parse(r.heads), lastSeq: Number(r.last_seq) });
  }
  return out;
}

/**
 * The whole history of these records and of their children, in hub order, for those this reader may
 * see: what a town officer's laptop applies when a record enters their towns (never had, or had
 * before it left and came back) — every change it missed, applied as any change is, so nothing
 * reads as a conflict that is not one.
 */
export async function familyHistory(q: Queryable, who: Pick<Author, 'role' | 'towns'>, keys: Key[]): Promise<SequencedChange[]> {
  const family: Key[] = [];
  for (const k of keys) {
    if (!(await recordVisible(q, who, k.entity, k.id))) continue;
    family.push(k);
    // A record read as a reference comes alone: its children lie in its town, not the reader's.
    for (const c of await childrenOf(q, who, `${k.entity}:${k.id}`)) family.push({ entity: c.entity, id: c.entity_id });
  }
  const rows: ChangeRow[] = [];
  for (const k of family) rows.push(...await changesOfRecord(q, k.entity, k.id));
  return rows.sort((a, b) => Number(a.hub_seq) - Number(b.hub_seq)).map(rowToChange);
}
