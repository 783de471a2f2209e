import canonicalize from 'canonicalize';
import { randomBytes } from 'node:crypto';
import type { Directory, PlanSummary, VerifyReport } from '../../shared/api/plans';
import { DomainError, invalidFields } from '../../shared/api/result';
import { drawPlan, type DrawInput, type DrawnTask } from '../../shared/plan/draw';
import { sha256Of } from '../store/blob-store';
import { getEnterprise } from '../store/enterprises';
import { DIRECTORY_ENTRY, INSPECTOR_CONFLICT, PLAN, PLAN_TASK } from '../store/entities';
import { getPerson } from '../store/people';
import { conflictPairs, directoryConflicts, directoryInspectors, directoryOverrides, directoryTargets, drawRecordOf, excludedCount, getPlan, planIds, tasksOfInspector, tasksOfPlan } from '../store/plans';
import { nowMinute, today } from './clock';
import { authorOf, newId, type ServiceContext } from './context';
import type { Handlers } from './handlers';

const hash = (text: string) => sha256Of(text);

/** Bureau staff (and scripted hosts) see draws before release; inspectors only once released (抽查前保密). */
function isBureau(ctx: ServiceContext): boolean {
  if (ctx.actor === 'system' && !ctx.session.personId) return true;
  return ctx.session.personId !== null && getPerson(ctx.store.db, ctx.session.personId)?.role === '局机关人员';
}

function mustBureau(ctx: ServiceContext, what: string): string {
  const author = authorOf(ctx);
  if (!isBureau(ctx)) throw new DomainError('forbidden', `只有局机关人员可以${what}`);
  return author;
}

function mustPlan(ctx: ServiceContext, id: string): PlanSummary {
  const p = getPlan(ctx.store.db, id);
  if (!p) throw new DomainError('not_found', `未找到抽查计划“${id}”`);
  return p;
}

export function directory(ctx: ServiceContext): Directory {
  const db = ctx.store.db;
  const targets = directoryTargets(db);
  const counts = { 重点: 0, 一般: 0, 特殊: 0, excluded: excludedCount(db) };
  for (const t of targets) counts[t.category]++;
  return { counts, inspectors: directoryInspectors(db), conflicts: directoryConflicts(db), overrides: directoryOverrides(db) };
}

/** The draw's input as the directories stand now (recorded with the plan, so anyone can recompute it). */
function snapshotOf(ctx: ServiceContext, plan: PlanSummary, seed: string): DrawInput {
  return { seed, targets: directoryTargets(ctx.store.db), inspectors: directoryInspectors(ctx.store.db).map((p) => p.id), conflicts: conflictPairs(ctx.store.db), quotas: plan.quotas };
}

const drawDigest = (input: DrawInput, tasks: DrawnTask[]) => hash(canonicalize({ input, tasks }) as string);

/** Recomputes a plan's draw from its recorded seed and directories and compares it with what was stored. */
export function verifyPlan(ctx: ServiceContext, id: string): VerifyReport {
  const plan = mustPlan(ctx, id);
  const row = drawRecordOf(ctx.store.db, id);
  if (!row.snapshot || !row.seed) throw new DomainError('invalid', `抽查计划“${plan.name}”尚未抽取`);
  const input = JSON.parse(row.snapshot) as DrawInput;
  const problems: string[] = [];
  if (input.seed !== row.seed) problems.push('记录的随机种子与抽取输入不一致');
  const again = drawPlan(input, hash);
  if (typeof again === 'string') return { ok: false, planId: id, seed: row.seed, tasks: 0, sha256: row.draw_sha256 ?? '', problems: [`重新抽取失败：${again}`] };
  const stored = tasksOfPlan(ctx.store.db, id, today());
  const digest = drawDigest(input, again);
  if (digest !== row.draw_sha256) problems.push(`抽取结果摘要不符：记录为 ${row.draw_sha256}，重算为 ${digest}`);
  if (stored.length !== again.length) problems.push(`记录的任务 ${stored.length} 项，重算得 ${again.length} 项`);
  again.forEach((t, i) => {
    const s = stored[i];
    if (!s || s.targetId !== t.targetId || s.inspectors.map((p) => p.id).join() !== t.inspectorIds.join()) problems.push(`第 ${i + 1} 项任务与重算结果不同（${s?.targetName ?? '缺失'}）`);
  });
  return { ok: problems.length === 0, planId: id, seed: row.seed, tasks: again.length, sha256: digest, problems };
}

/** Draws a plan: targets and inspector pairs from the directories with the seed, recorded with its inputs. */
export function drawPlanFor(ctx: ServiceContext, id: string, seedGiven?: string): PlanSummary {
  const author = mustBureau(ctx, '抽取检查对象');
  const plan = mustPlan(ctx, id);
  if (plan.state !== 'draft') throw new DomainError('invalid', `抽查计划“${plan.name}”已抽取，不能重抽（随机结果须可复核）`);
  const seed = seedGiven || randomBytes(8).toString('hex');
  const input = snapshotOf(ctx, plan, seed);
  const tasks = drawPlan(input, hash);
  if (typeof tasks === 'string') throw new DomainError('invalid', tasks);
  ctx.store.transaction(() => {
    for (const t of tasks) {
      const e = getEnterprise(ctx.store.db, t.targetId, () => true)!;
      ctx.store.write(PLAN_TASK, `${id}/${t.order}`, {
        planId: id, order: t.order, targetKind: 'enterprise', targetId: t.targetId, targetName: e.name, townCode: e.townCode,
        category: t.category, inspectorIds: t.inspectorIds, inspectionId: null, result: '',
      }, author);
    }
    ctx.store.write(PLAN, id, { seed, snapshot: JSON.stringify(input), drawSha256: drawDigest(input, tasks), drawnAt: nowMinute(), drawnBy: author, state: 'drawn' }, author);
  });
  return mustPlan(ctx, id);
}

export const planHandlers = {
  'plans.directory': (ctx) => directory(ctx),
  'plans.setCategory': (ctx, { targetIds, category, excluded }) => {
    const author = mustBureau(ctx, '调整检查对象名录');
    ctx.store.transaction(() => {
      for (const id of targetIds) {
        if (!getEnterprise(ctx.store.db, id, () => true)) throw new DomainError('not_found', `未找到排污单位“${id}”`);
        ctx.store.write(DIRECTORY_ENTRY, id, { category, excluded }, author);
      }
    });
    return directory(ctx);
  },
  'plans.addConflict': (ctx, { personId, targetId, reason }) => {
    const author = mustBureau(ctx, '登记回避关系');
    if (!getPerson(ctx.store.db, personId)) throw invalidFields({ personId: '未找到该执法人员' });
    if (!getEnterprise(ctx.store.db, targetId, () => true)) throw invalidFields({ targetId: '未找到该排污单位' });
    ctx.store.write(INSPECTOR_CONFLICT, newId(), { personId, targetId, reason }, author);
    return directory(ctx);
  },
  'plans.removeConflict': (ctx, { id }) => {
    const author = mustBureau(ctx, '撤销回避关系');
    ctx.store.write(INSPECTOR_CONFLICT, id, { deletedAt: new Date().toISOString() }, author);
    return directory(ctx);
  },
  'plans.list': (ctx) => planIds(ctx.store.db).map((id) => getPlan(ctx.store.db, id)!).filter((p) => isBureau(ctx) || p.state === 'released'),
  'plans.create': (ctx, d) => {
    const author = mustBureau(ctx, '新建抽查计划');
    if (d.periodTo < d.periodFrom) throw invalidFields({ periodTo: '结束日期不能早于开始日期' });
    const input = snapshotOf(ctx, { ...d, quotas: d.quotas } as PlanSummary, 'check');
    const problem = drawPlan(input, hash);
    if (typeof problem === 'string') throw invalidFields({ quotas: problem });
    const id = newId();
    ctx.store.write(PLAN, id, { ...d, state: 'draft' }, author);
    return mustPlan(ctx, id);
  },
  'plans.get': (ctx, { id }) => {
    const plan = mustPlan(ctx, id);
    const hidden = plan.state !== 'released' && !isBureau(ctx);
    if (hidden && plan.state === 'draft') throw new DomainError('not_found', `未找到抽查计划“${id}”`);
    return { plan: hidden ? { ...plan, seed: null } : plan, tasks: hidden ? [] : tasksOfPlan(ctx.store.db, id, today()), hidden };
  },
  'plans.draw': (ctx, { id, seed }) => drawPlanFor(ctx, id, seed),
  'plans.verify': (ctx, { id }) => verifyPlan(ctx, id),
  'plans.release': (ctx, { id }) => {
    const author = mustBureau(ctx, '发布抽查任务');
    const plan = mustPlan(ctx, id);
    if (plan.state !== 'drawn') throw new DomainError('invalid', plan.state === 'draft' ? '请先抽取，再发布' : '该计划已发布');
    const v = verifyPlan(ctx, id);
    if (!v.ok) throw new DomainError('invalid', `抽取结果复核未通过，不能发布：${v.problems.join('；')}`);
    ctx.store.write(PLAN, id, { state: 'released', releasedAt: nowMinute() }, author);
    return mustPlan(ctx, id);
  },
  'plans.myTasks': (ctx) => (ctx.session.personId ? tasksOfInspector(ctx.store.db, ctx.session.personId, today()) : []),
  /**
   * 公示: the bureau records the day it published the results of a plan's checked tasks (all checked and
   * not yet published, or those named). The day is the one entered — not after today, not before the
   * check it publishes; a task already published keeps its date (correct one by naming it again).
   */
  'plans.publish': (ctx, { id, publishedAt, taskIds }) => {
    const author = mustBureau(ctx, '公示抽查结果');
    const plan = mustPlan(ctx, id);
    if (plan.state !== 'released') throw new DomainError('invalid', '抽查任务尚未发布，没有可公示的结果');
    if (publishedAt > today()) throw invalidFields({ publishedAt: `公示日期 ${publishedAt} 晚于今天，请填写实际公示的日期` });
    const tasks = tasksOfPlan(ctx.store.db, id, today());
    const chosen = taskIds ? tasks.filter((t) => taskIds.includes(t.id)) : tasks.filter((t) => t.inspectionId && !t.publishedAt);
    if (taskIds && chosen.length !== new Set(taskIds).size) throw new DomainError('not_found', '所选任务不属于该抽查计划');
    const unchecked = chosen.filter((t) => !t.inspectedAt);
    if (unchecked.length) throw new DomainError('invalid', `尚未检查的对象不能公示结果：${unchecked.map((t) => t.targetName).join('、')}`);
    const early = chosen.filter((t) => t.inspectedAt!.slice(0, 10) > publishedAt);
    if (early.length) throw invalidFields({ publishedAt: `公示日期早于检查日期（${early.map((t) => `${t.targetName} ${t.inspectedAt!.slice(0, 10)}`).join('、')}）` });
    if (!chosen.length) throw new DomainError('invalid', '没有待公示的抽查结果（已检查且尚未公示的）');
    ctx.store.transaction(() => { for (const t of chosen) ctx.store.write(PLAN_TASK, t.id, { publishedAt }, author); });
    return { published: chosen.length, tasks: tasksOfPlan(ctx.store.db, id, today()) };
  },
} satisfies Partial<Handlers>;
