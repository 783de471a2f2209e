import type { Change } from '../../shared/sync/change';
import { winningValues, type FieldHeads } from '../../shared/sync/merge';
import { namesSubject, parentOf, subjectOf } from '../../shared/sync/roles';
import type { RecordRow } from '../db/records';
import type { RecordCache } from './record-cache';


/**
 * Where a change lies, as the hub knows it (DESIGN §11: the hub decides from its own state, never
 * from what a change claims): `current` is the town the hub files the record under now (null for a
 * record it does not know yet, or one of no town); `next` is where the record lies once the change is
 * taken; `target` is the town of the record it is about (an inspection's, a finding's or a complaint's
 * enterprise or outfall) when the hub holds that record.
 * - A child record (an inspection's answers and evidence, an event, a directory entry) lies in its
 *   parent's town at the hub, whatever town it names itself.
 * - A record with a town of its own lies where the hub has it until a change moves it (`townCode`).
 */
export type RecordArea = { known: boolean; current: string | null; next: string | null; target: string | null; targetChanged: boolean; targetUnknown: boolean };

async function townAtHub(records: RecordCache, entity: string, id: string): Promise<string | null | undefined> {
  const row = await records.get(entity, id);
  return row ? row.town : undefined;
}

/** Where a change lies, from the hub's own records (see RecordArea). */
export async function areaOf(records: RecordCache, c: Change, heads: FieldHeads, record: RecordRow | undefined): Promise<RecordArea> {
  const known = record !== undefined;
  const current = record?.town ?? null;
  const merged: Record<string, unknown> = { ...winningValues(heads), ...c.fields };
  const parent = parentOf(c.entity, c.entityId, merged);
  if (parent) {
    const at = await townAtHub(records, parent.entity, parent.id);
    // A parent the hub does not hold yet: the child keeps the town it has here (none, when it is new).
    const next = at === undefined ? current : at;
    return { known, current, next, target: null, targetChanged: false, targetUnknown: false };
  }
  // What it is about (an inspection's target) or belongs to (an outfall's enterprise): a town officer may not name another town's.
  const target = subjectOf(c.entity, merged);
  const targetTown = target ? await townAtHub(records, target.entity, target.id) : undefined;
  const claimed = typeof c.fields.townCode === 'string' ? c.fields.townCode : c.fields.townCode === null ? null : undefined;
  // A record of no town of its own (an inspection whose town was left blank) lies in its target's:
  // a record of no town is everyone's to read.
  const own = typeof merged.townCode === 'string' ? merged.townCode : null;
  const next = typeof claimed === 'string' ? claimed : known && claimed === undefined ? current : own ?? targetTown ?? null;
  const targetChanged = namesSubject(c.entity, c.fields);
  return { known, current, next, target: targetTown ?? null, targetChanged, targetUnknown: target !== null && targetTown === undefined };
}
