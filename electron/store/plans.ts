import type { Database } from 'better-sqlite3';
import type { Directory, PlanSummary, PlanTask } from '../../shared/api/plans';
import type { PlanCategory } from '../../shared/plan/draw';
import { publicationOf } from '../../shared/plan/publication';
import { PLAN } from './entities';
import { readSettings } from './settings';
import { prepared } from './statements';
import { rowToFields } from './write-path';

/** The target directory (一单两库): every operating enterprise, its category by override or 重点排污单位. */
export function directoryTargets(db: Database): { id: string; category: PlanCategory }[] {
  return db.prepare(`SELECT e.id, coalesce(d.category, CASE WHEN e.key_unit = 1 THEN '重点' ELSE '一般' END) AS category
    FROM enterprises e LEFT JOIN directory_entries d ON d.target_id = e.id AND d.deleted_at IS NULL
    WHERE e.deleted_at IS NULL AND e.state <> '关闭' AND coalesce(d.excluded, 0) = 0 ORDER BY e.id`).all() as { id: string; category: PlanCategory }[];
}

/** The inspector directory: active 执法人员 with a certificate number. */
export function directoryInspectors(db: Database): { id: string; name: string; certificateNo: string }[] {
  return db.prepare(`SELECT id, name, certificate_no AS certificateNo FROM people WHERE role = '执法人员' AND active = 1 AND certificate_no IS NOT NULL AND deleted_at IS NULL ORDER BY id`).all() as { id: string; name: string; certificateNo: string }[];
}

export function conflictPairs(db: Database): [string, string][] {
  return (db.prepare('SELECT person_id, target_id FROM inspector_conflicts WHERE deleted_at IS NULL ORDER BY person_id, target_id').all() as { person_id: string; target_id: string }[]).map((r) => [r.person_id, r.target_id]);
}

/**
 * The inspection that carries out task `t` of plan `p`: a finalized inspection of its target since
 * the plan was released — one made as 双随机 (检查来源, issue 19) before any other, then the latest.
 * SQL over aliases `t` and `p`.
 */
export const TASK_INSPECTION = `(SELECT i.id FROM inspections i WHERE i.target_kind = t.target_kind AND i.target_id = t.target_id AND i.state = 'finalized'
  AND substr(i.started_at, 1, 10) >= substr(p.released_at, 1, 10) ORDER BY i.source IS '双随机' DESC, i.started_at DESC LIMIT 1)`;

const TASK_SELECT = `SELECT t.*, p.name AS plan_name, p.period_to, r.name AS town_name, ${TASK_INSPECTION} AS done_id
  FROM plan_tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN regions r ON r.code = t.town_code`;

function rowToTask(db: Database, r: Record<string, unknown>, today: string): PlanTask {
  const ids = JSON.parse(r.inspector_ids as string) as string[];
  const names = new Map((prepared(db, 'SELECT id, name FROM people WHERE id IN (SELECT value FROM json_each(?))').all(r.inspector_ids) as { id: string; name: string }[]).map((p) => [p.id, p.name]));
  const done = r.done_id ? (prepared(db, 'SELECT started_at, failing_count FROM inspections WHERE id = ?').get(r.done_id) as { started_at: string; failing_count: number }) : null;
  return {
    id: r.id as string, planId: r.plan_id as string, planName: r.plan_name as string, order: r.order_no as number, targetKind: r.target_kind as string,
    targetId: r.target_id as string, targetName: r.target_name as string, townName: r.town_name as string | null, category: r.category as PlanCategory,
    inspectors: ids.map((id) => ({ id, name: names.get(id) ?? id })), periodTo: r.period_to as string,
    inspectionId: (r.done_id as string | null) ?? null, inspectedAt: done?.started_at ?? null, failingCount: done?.failing_count ?? null,
    result: done ? (done.failing_count ? `发现问题 ${done.failing_count} 项，已责令整改` : '未发现问题') : (r.result as string) || '未检查',
    ...publicationFields(db, done?.started_at ?? null, (r.published_at as string | null) ?? null, today),
  };
}

/** 公示 of a task's result, on the workspace's working-day calendar. */
function publicationFields(db: Database, checkedAt: string | null, publishedAt: string | null, today: string): Pick<PlanTask, 'publishedAt' | 'publishDue' | 'publication'> {
  const { holidays, workdays } = readSettings(db);
  const p = publicationOf(checkedAt, publishedAt, today, { holidays, workdays });
  return { publishedAt, publishDue: p.due, publication: p.state };
}

export function tasksOfPlan(db: Database, planId: string, today: string): PlanTask[] {
  return (prepared(db, `${TASK_SELECT} WHERE t.plan_id = ? AND t.deleted_at IS NULL ORDER BY t.order_no`).all(planId) as Record<string, unknown>[]).map((r) => rowToTask(db, r, today));
}

export function tasksOfInspector(db: Database, personId: string, today: string): PlanTask[] {
  return (prepared(db, `${TASK_SELECT} WHERE p.state = 'released' AND t.deleted_at IS NULL AND EXISTS (SELECT 1 FROM json_each(t.inspector_ids) j WHERE j.value = ?)
    ORDER BY p.period_to, t.order_no`).all(personId) as Record<string, unknown>[]).map((r) => rowToTask(db, r, today));
}

export function getPlan(db: Database, id: string): PlanSummary | null {
  const r = prepared(db, `SELECT p.*, d.name AS drawn_by_name, (SELECT count(*) FROM plan_tasks t WHERE t.plan_id = p.id) AS task_count,
      CASE p.state WHEN 'released' THEN (SELECT count(*) FROM plan_tasks t WHERE t.plan_id = p.id AND ${TASK_INSPECTION} IS NOT NULL) ELSE 0 END AS done_count
    FROM plans p LEFT JOIN people d ON d.id = p.drawn_by WHERE p.id = ? AND p.deleted_at IS NULL`).get(id) as Record<string, unknown> | undefined;
  if (!r) return null;
  const { createdAt: _c, updatedAt: _u, deleted: _d, snapshot: _s, drawnBy: _b, ...fields } = rowToFields(PLAN, r);
  return { ...fields, drawnByName: r.drawn_by_name as string | null, taskCount: r.task_count as number, doneCount: r.done_count as number } as PlanSummary;
}

export function planIds(db: Database): string[] {
  return db.prepare('SELECT id FROM plans WHERE deleted_at IS NULL ORDER BY period_from DESC, created_at DESC').pluck().all() as string[];
}

/** How many enterprises the directory excludes from draws. */
export function excludedCount(db: Database): number {
  return db.prepare('SELECT count(*) FROM directory_entries WHERE excluded = 1 AND deleted_at IS NULL').pluck().get() as number;
}

/** The recorded conflicts of interest (an inspector never drawn for an enterprise). */
export function directoryConflicts(db: Database): Directory['conflicts'] {
  return db.prepare(`SELECT c.id, c.person_id AS personId, p.name AS personName, c.target_id AS targetId, e.name AS targetName, c.reason
    FROM inspector_conflicts c JOIN people p ON p.id = c.person_id JOIN enterprises e ON e.id = c.target_id WHERE c.deleted_at IS NULL ORDER BY p.name`).all() as Directory['conflicts'];
}

/** The directory's own category or exclusion of enterprises (the first 500 by name). */
export function directoryOverrides(db: Database): Directory['overrides'] {
  return (db.prepare(`SELECT d.target_id AS targetId, e.name AS targetName, d.category, d.excluded FROM directory_entries d JOIN enterprises e ON e.id = d.target_id
    WHERE d.deleted_at IS NULL ORDER BY e.name LIMIT 500`).all() as (Omit<Directory['overrides'][number], 'excluded'> & { excluded: number })[]).map((r) => ({ ...r, excluded: r.excluded === 1 }));
}

/** A plan's recorded draw: the input snapshot, the seed and the digest of input and result. */
export function drawRecordOf(db: Database, id: string): { snapshot: string | null; seed: string | null; draw_sha256: string | null } {
  return db.prepare('SELECT snapshot, seed, draw_sha256 FROM plans WHERE id = ?').get(id) as { snapshot: string | null; seed: string | null; draw_sha256: string | null };
}
