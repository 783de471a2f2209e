import type { Answers } from '../../../shared/checklist/answers';
import { recheckIncomplete, type RecheckRow } from '../../../shared/checklist/recheck';
import { itemsOf, type TemplateDefinition } from '../../../shared/checklist/template';
import { openProblemsOf } from '../../store/findings';
import type { InspectionRow } from '../../store/inspections';
import type { ServiceContext } from '../context';

/** The 复查 item of a template (issue 19), if it is a 复查 form. */
export function problemsItemId(def: Pick<TemplateDefinition, 'sections'>): string | null {
  return itemsOf(def).find(({ item }) => item.type === 'problems')?.item.id ?? null;
}

/** The target's open problems a 复查 must cover (none for a form that is not a 复查). */
export function openProblemsFor(ctx: ServiceContext, i: Pick<InspectionRow, 'targetKind' | 'targetId'>, def: Pick<TemplateDefinition, 'sections'>) {
  return problemsItemId(def) ? openProblemsOf(ctx.store.db, i.targetKind, i.targetId) : [];
}

/** What keeps a 复查 from being finalized: an open problem not listed, or one without its result. */
export function recheckProblems(ctx: ServiceContext, i: Pick<InspectionRow, 'targetKind' | 'targetId'>, def: Pick<TemplateDefinition, 'sections'>, answers: Answers,
  open: readonly { id: string }[] = openProblemsFor(ctx, i, def)): Record<string, string> {
  const itemId = problemsItemId(def);
  if (!itemId) return {};
  const rows = (answers[itemId]?.value ?? []) as RecheckRow[];
  const why = recheckIncomplete(Array.isArray(rows) ? rows : [], open);
  return why ? { [itemId]: why } : {};
}

/** Why 复查 rows name a problem that is not one of this target's open problems (a hostile or stale answer), or null. */
export function foreignRows(open: readonly { id: string }[], value: unknown): string | null {
  if (!Array.isArray(value)) return null;
  const ids = new Set(open.map((f) => f.id));
  const foreign = (value as RecheckRow[]).find((r) => !ids.has(r.findingId));
  return foreign ? `“${foreign.description.slice(0, 20)}”不是本检查对象未销号的问题` : null;
}

/** 复查 rows with each problem's description as the register holds it. */
export function withStoredDescriptions(open: readonly { id: string; description: string }[], rows: unknown[]): RecheckRow[] {
  const byId = new Map(open.map((f) => [f.id, f.description]));
  return (rows as RecheckRow[]).map((r) => ({ ...r, description: byId.get(r.findingId) ?? r.description }));
}
