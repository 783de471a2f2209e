import { parentOf, targetOf } from './roles';

/** A record another one names. */
export type RecordKey = { entity: string; id: string };

/** The fields whose values name another record a reader needs beside this one (a change of them re-reads the references). */
export const REFERENCE_FIELDS = ['enterpriseId', 'targetKind', 'targetId'] as const;

/**
 * The enterprises and outfalls a record names, which a reader of the record needs to read it (issue 21:
 * "an outfall in their town whose enterprise is in another"): an outfall's 所属排污单位, and the
 * enterprise or outfall an inspection, problem, complaint, case or 双随机 task is about. A town officer
 * receives those of another town as read-only references (the hub's `record_refs`; the laptop's town
 * views): readable beside the record that names them, never theirs to change. A child record (an
 * inspection's answers) names nothing of its own here: it is read with its parent.
 */
export function referencesOf(entity: string, id: string, fields: Record<string, unknown>): RecordKey[] {
  if (parentOf(entity, id, fields)) return [];
  const refs: RecordKey[] = [];
  if (entity === 'outfall' && typeof fields.enterpriseId === 'string' && fields.enterpriseId) refs.push({ entity: 'enterprise', id: fields.enterpriseId });
  const target = targetOf(fields);
  if (target && !(target.entity === entity && target.id === id)) refs.push(target);
  return refs;
}

/** Whether a change touches what a record names (its references must be read again). */
export function changesReferences(fields: Record<string, unknown>): boolean {
  return REFERENCE_FIELDS.some((f) => f in fields);
}
