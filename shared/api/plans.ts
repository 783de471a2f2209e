import { z } from 'zod';
import { PLAN_CATEGORIES } from '../plan/draw';
import { Id } from './common';

const Quota = z.object({ mode: z.enum(['ratio', 'count']), value: z.number().min(0, '抽取比例或数量不能为负') });
const day = (what: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `请填写${what}`);

export const PlanDraft = z.object({
  name: z.string().trim().min(1, '请填写抽查计划名称').max(100),
  /** 抽查事项 (一单: the list of inspection matters). */
  matter: z.string().trim().min(1, '请填写抽查事项').max(500),
  periodFrom: day('抽查开始日期'), periodTo: day('抽查结束日期'),
  quotas: z.object({ 重点: Quota, 一般: Quota, 特殊: Quota }),
});
export type PlanDraft = z.output<typeof PlanDraft>;

export const PlanSummary = PlanDraft.extend({
  id: z.string(), state: z.enum(['draft', 'drawn', 'released']), seed: z.string().nullable(), drawSha256: z.string().nullable(),
  drawnAt: z.string().nullable(), drawnByName: z.string().nullable(), releasedAt: z.string().nullable(), taskCount: z.number(), doneCount: z.number(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const PlanTask = z.object({
  id: z.string(), planId: z.string(), planName: z.string(), order: z.number(), targetKind: z.string(), targetId: z.string(), targetName: z.string(),
  townName: z.string().nullable(), category: z.enum(PLAN_CATEGORIES), inspectors: z.array(z.object({ id: z.string(), name: z.string() })),
  periodTo: z.string(), inspectionId: z.string().nullable(), inspectedAt: z.string().nullable(), failingCount: z.number().nullable(), result: z.string(),
  /** 公示: the day the result was published (entered then), the last day to publish it, and where it stands (issue 19). */
  publishedAt: z.string().nullable(), publishDue: z.string().nullable(), publication: z.enum(['未检查', '待公示', '已公示', '逾期未公示', '逾期公示']),
});
export type PlanTask = z.infer<typeof PlanTask>;

export const Directory = z.object({
  counts: z.object({ 重点: z.number(), 一般: z.number(), 特殊: z.number(), excluded: z.number() }),
  inspectors: z.array(z.object({ id: z.string(), name: z.string(), certificateNo: z.string() })),
  conflicts: z.array(z.object({ id: z.string(), personId: z.string(), personName: z.string(), targetId: z.string(), targetName: z.string(), reason: z.string() })),
  overrides: z.array(z.object({ targetId: z.string(), targetName: z.string(), category: z.enum(PLAN_CATEGORIES), excluded: z.boolean() })),
});
export type Directory = z.infer<typeof Directory>;

export const VerifyReport = z.object({ ok: z.boolean(), planId: z.string(), seed: z.string(), tasks: z.number(), sha256: z.string(), problems: z.array(z.string()) });
export type VerifyReport = z.infer<typeof VerifyReport>;

export const planProcedures = {
  'plans.directory': { input: z.object({}).default({}), output: Directory },
  'plans.setCategory': { input: z.object({ targetIds: z.array(Id).min(1).max(5000), category: z.enum(PLAN_CATEGORIES), excluded: z.boolean().default(false) }), output: Directory },
  'plans.addConflict': { input: z.object({ personId: Id, targetId: Id, reason: z.string().trim().min(1, '请写明回避理由（如亲属关系、曾任职）').max(200) }), output: Directory },
  'plans.removeConflict': { input: z.object({ id: Id }), output: Directory },
  'plans.list': { input: z.object({}).default({}), output: z.array(PlanSummary) },
  'plans.create': { input: PlanDraft, output: PlanSummary },
  'plans.get': { input: z.object({ id: Id }), output: z.object({ plan: PlanSummary, tasks: z.array(PlanTask), hidden: z.boolean() }) },
  'plans.draw': { input: z.object({ id: Id, seed: z.string().trim().max(100).optional() }), output: PlanSummary },
  'plans.verify': { input: z.object({ id: Id }), output: VerifyReport },
  'plans.release': { input: z.object({ id: Id }), output: PlanSummary },
  /** Records the day the checked results of a plan were published (公示日期: entered, not the export date). */
  'plans.publish': {
    input: z.object({ id: Id, publishedAt: day('公示日期'), taskIds: z.array(Id).min(1).max(5000).optional() }),
    output: z.object({ published: z.number(), tasks: z.array(PlanTask) }),
  },
  /** Released tasks assigned to the signed-in inspector. */
  'plans.myTasks': { input: z.object({}).default({}), output: z.array(PlanTask) },
} as const;
