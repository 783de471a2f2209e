import type { Database } from 'better-sqlite3';
import type { TemplateSummary } from '../../shared/api/checklists';
import type { TemplateDefinition } from '../../shared/checklist/template';
import { itemsOf } from '../../shared/checklist/template';
import { prepared } from './statements';

type Row = {
  id: string; code: string; version: number; name: string; target_kinds: string; definition: string; sha256: string;
  builtin: number; retired: number; based_on: string | null; created_at: string; used: number;
};

const SELECT = `SELECT t.*, coalesce(u.n, 0) AS used FROM checklist_templates t
  LEFT JOIN (SELECT template_id, count(*) AS n FROM inspections WHERE deleted_at IS NULL GROUP BY template_id) u ON u.template_id = t.id`;

function rowToSummary(r: Row): TemplateSummary & { definition: TemplateDefinition } {
  const definition = JSON.parse(r.definition) as TemplateDefinition;
  return {
    id: r.id, code: r.code, version: r.version, name: r.name, targetKinds: JSON.parse(r.target_kinds) as TemplateSummary['targetKinds'],
    builtin: r.builtin === 1, retired: r.retired === 1, basedOn: r.based_on, itemCount: itemsOf(definition).length,
    usedCount: r.used, sha256: r.sha256, createdAt: r.created_at, definition,
  };
}

/** Every template version, newest version of each code first within the code. */
export function listTemplates(db: Database, includeRetired: boolean) {
  const rows = prepared(db, `${SELECT} WHERE t.deleted_at IS NULL ${includeRetired ? '' : 'AND t.retired = 0'} ORDER BY t.code, t.version DESC`).all() as Row[];
  return rows.map(rowToSummary);
}

const parsedCache = new Map<string, ReturnType<typeof rowToSummary>>();

/**
 * One template version; versions are immutable, so the parsed form is cached by id and hash.
 * `usedCount` is 0 here (counting is for lists: see `templateUsage`).
 */
export function getTemplate(db: Database, id: string) {
  // The definition (tens of KB) is read only when this version's parse is not cached yet.
  const head = prepared(db, 'SELECT sha256, retired FROM checklist_templates WHERE id = ?').get(id) as { sha256: string; retired: number } | undefined;
  if (!head) return null;
  const key = `${id}:${head.sha256}`;
  const cached = parsedCache.get(key);
  if (cached) return { ...cached, retired: head.retired === 1 };
  const row = prepared(db, 'SELECT *, 0 AS used FROM checklist_templates WHERE id = ?').get(id) as Row;
  const t = rowToSummary(row);
  parsedCache.set(key, t);
  return t;
}

/** How many inspections use a template version. */
export function templateUsage(db: Database, id: string): number {
  return (prepared(db, 'SELECT count(*) AS n FROM inspections WHERE template_id = ? AND deleted_at IS NULL').get(id) as { n: number }).n;
}

/** The highest version number of a template code (0 when the code is new). */
export function latestVersion(db: Database, code: string): number {
  return (prepared(db, 'SELECT max(version) AS v FROM checklist_templates WHERE code = ?').get(code) as { v: number | null }).v ?? 0;
}

export function templateByVersion(db: Database, code: string, version: number): { id: string; sha256: string } | undefined {
  return prepared(db, 'SELECT id, sha256 FROM checklist_templates WHERE code = ? AND version = ?').get(code, version) as { id: string; sha256: string } | undefined;
}

/** The ids of the built-in templates this workspace holds. */
export function builtinTemplateIds(db: Database): string[] {
  return db.prepare('SELECT id FROM checklist_templates WHERE builtin = 1').pluck().all() as string[];
}
