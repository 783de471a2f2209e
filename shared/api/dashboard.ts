import { z } from 'zod';

const Slice = z.object({ key: z.string(), label: z.string(), total: z.number(), unfinished: z.number(), overdue: z.number(), closed: z.number() });
export type Slice = z.infer<typeof Slice>;

export const Dashboard = z.object({
  today: z.string(),
  findings: z.object({ total: z.number(), unfinished: z.number(), overdue: z.number(), closed: z.number(), reopened: z.number(), recheckDue: z.number(), byState: z.record(z.string(), z.number()) }),
  complaints: z.object({ open: z.number(), overdue: z.number(), dueSoon: z.number(), thisYear: z.number() }),
  cases: z.object({ open: z.number(), publicityOverdue: z.number(), penaltyTotal: z.number() }),
  /** 分区域、分流域、分行业、分污染源: findings cut four ways. */
  byTown: z.array(Slice), byWatershed: z.array(Slice), byIndustry: z.array(Slice), bySource: z.array(Slice),
  /** The last 12 months: findings raised and closed, complaints received. */
  trend: z.array(z.object({ month: z.string(), raised: z.number(), closed: z.number(), complaints: z.number() })),
  mine: z.object({
    tasks: z.number(),
    findings: z.array(z.object({ id: z.string(), description: z.string(), targetName: z.string(), deadline: z.string(), state: z.string(), overdue: z.boolean() })),
  }),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const dashboardProcedures = {
  'dashboard.get': { input: z.object({}).default({}), output: Dashboard },
} as const;
