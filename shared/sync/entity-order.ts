/**
 * The order a snapshot delivers record kinds in: what a record refers to arrives before it (regions
 * before enterprises, a template before its inspections, a finding before its events). Kinds not
 * listed (from a newer app) come last.
 */
export const SNAPSHOT_ORDER = [
  'settings', 'region', 'watershed', 'water_body', 'geometry', 'person', 'checklist_template', 'enterprise', 'outfall',
  'directory_entry', 'inspector_conflict', 'plan', 'plan_task', 'inspection', 'inspection_answer', 'inspection_photo',
  'inspection_recording', 'inspection_signature', 'inspection_finding', 'inspection_record', 'finding', 'complaint', 'case', 'record_event',
];

/** The kinds present, in snapshot order. */
export function inSnapshotOrder(entities: string[]): string[] {
  const rank = (e: string) => { const i = SNAPSHOT_ORDER.indexOf(e); return i < 0 ? SNAPSHOT_ORDER.length : i; };
  return [...entities].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
