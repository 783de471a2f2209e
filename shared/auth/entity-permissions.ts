import { HUB_ROLES } from '../sync/roles';
import { ACTION_LABELS, may, type Action, type Role } from './permissions';

/**
 * The permission table read by kind of record (issue 18: "one permission table … enforced in the
 * services and at the hub"). The laptop judges a procedure by its action (`PROCEDURE_ACTIONS`); the hub
 * sees only changes to records, so it judges a change made under an account by the actions whose
 * procedures write that kind of record — any one of them allowing it is enough (an inspection's
 * findings are written by 开展现场检查 as well as by 办理问题; a finalized record's 更正 by its officers or
 * an admin). A kind not listed here is judged by the area rules alone (`areaRefusal`).
 */
const WRITTEN_BY: Record<string, readonly Action[]> = {
  settings: ['settings'], geometry: ['settings'],
  person: ['accounts'],
  region: ['registers', 'settings'], watershed: ['registers', 'settings'], water_body: ['registers', 'settings'],
  enterprise: ['registers', 'import'], outfall: ['registers', 'import'],
  checklist_template: ['checklists'],
  inspection: ['inspect', 'correct'], inspection_answer: ['inspect', 'correct'], inspection_photo: ['inspect', 'correct'],
  inspection_recording: ['inspect', 'correct'],
  inspection_signature: ['inspect', 'correct'], inspection_finding: ['inspect', 'correct'], inspection_record: ['inspect', 'correct'],
  finding: ['findings', 'inspect', 'complaints'],
  complaint: ['complaints'],
  case: ['cases'],
  plan: ['plans'], plan_task: ['plans'], directory_entry: ['plans'], inspector_conflict: ['plans'],
};

/** The actions that write an event of a stream (a problem's, a complaint's, a case's). */
const EVENT_WRITTEN_BY: Record<string, readonly Action[]> = {
  finding: ['findings', 'inspect', 'complaints'], complaint: ['complaints'], case: ['cases'],
};

/** The actions that may write this change's kind of record (null: not judged by role here). */
export function actionsWriting(entity: string, fields: Record<string, unknown>): readonly Action[] | null {
  if (entity === 'record_event') return typeof fields.stream === 'string' ? EVENT_WRITTEN_BY[fields.stream] ?? null : null;
  return WRITTEN_BY[entity] ?? null;
}

/** Why an account of this role may not write this change (Chinese), or null when it may. */
export function entityRefusal(role: Role, entity: string, fields: Record<string, unknown>): string | null {
  const actions = actionsWriting(entity, fields);
  if (!actions || actions.some((a) => may(role, a))) return null;
  return `${HUB_ROLES[role]}无权${ACTION_LABELS[actions[0]]}（${entity}）`;
}
