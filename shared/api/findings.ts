import { z } from 'zod';
import { DEADLINE_BANDS } from '../checklist/deadline-band';
import { TARGET_KINDS } from '../checklist/template';
import { Page } from './common';

export const Finding = z.object({
  id: z.string(), sourceKind: z.string(), sourceId: z.string().nullable(), itemId: z.string().nullable(),
  targetKind: z.enum(TARGET_KINDS), targetId: z.string().nullable(), targetName: z.string(), townCode: z.string().nullable(), townName: z.string().nullable(),
  description: z.string(), legalBasis: z.string(), deadlineBand: z.enum(DEADLINE_BANDS), responsibleUnit: z.string(), responsiblePerson: z.string(),
  deadline: z.string(), measures: z.string(), foundAt: z.string(), state: z.string(),
});
export type Finding = z.infer<typeof Finding>;

export const findingProcedures = {
  'findings.list': {
    input: z.object({ targetKind: z.enum(TARGET_KINDS).optional(), targetId: z.string().optional(), sourceId: z.string().optional(), townCode: z.string().optional(), ...Page }),
    output: z.object({ total: z.number(), rows: z.array(Finding) }),
  },
} as const;
