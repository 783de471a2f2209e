import { z } from 'zod';

export const DemoSummary = z.object({
  enterprises: z.number(), outfalls: z.number(), regions: z.number(), people: z.number(), seed: z.number(), scale: z.number(),
  inspections: z.number(), findings: z.number(), complaints: z.number(), cases: z.number(), plans: z.number(),
  /** Its accounts, one per role, and their password (issue 18). */
  accounts: z.array(z.object({ user: z.string(), role: z.string(), name: z.string(), password: z.string() })),
  /** The recovery code of the demo's encrypted workspace (issue 18; null when it was protected before). */
  recoveryCode: z.string().nullable(),
});
export type DemoSummary = z.infer<typeof DemoSummary>;

/**
 * The fictional county 清水县 (DOMAIN.md), built into an empty workspace: enterprises, outfalls,
 * a year of finalized inspections and the closed loop. The same seed always gives the same county.
 */
export const demoProcedures = {
  'demo.generate': {
    input: z.object({
      seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(20261129),
      scale: z.number().int().min(1).max(1000).default(1),
      /** Finalized inspections of the past year (default: as many as the scale gives). */
      inspections: z.number().int().min(0).max(1_000_000).optional(),
      /** The closed loop too (findings moved along, complaints, cases, a released plan). */
      closedLoop: z.boolean().default(true),
      job: z.string().max(100).optional(),
    }),
    output: DemoSummary,
  },
} as const;
