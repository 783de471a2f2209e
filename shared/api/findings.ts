import { z } from 'zod';
import { DEADLINE_BANDS } from '../checklist/deadline-band';
import { TARGET_KINDS } from '../checklist/template';
import { Page } from './common';

export const Finding = z.object({
  id: z.string(), sourceKind: z.string(), sourceId: z.string().nullable(), itemId: z.string().nullable(),
  targetKind: z.enum(TARGET_KINDS), targetId: z.string().nullable(), targetName: z.string(), townCode: z.string().nullable(), townName: z.string().nullable(),
  description: z.string(), legalBasis: z.string(), deadlineBand: z.enum(DEADLINE_BANDS), responsibleUnit: z.string(), responsiblePerson: z.string(),
  deadline: z.string(), measures: z.string(), foundAt: z.string(), state: z.string(),
  number: z.string().nullable(), goal: z.string(), partnerUnits: z.string(), leader: z.string(),
});

/** Where a finding came from (DOMAIN: 中央/省级督察交办, own inspections, complaints, monitoring). */
export const FINDING_SOURCES = { central: '中央督察交办', provincial: '省级督察交办', inspection: '自查发现（现场检查）', complaint: '信访投诉', monitoring: '监测发现' } as const;

/** A row of a 督察交办 problem list, as imported. */
export const FindingImportDraft = z.object({
  number: z.string().trim().max(50).nullable(),
  sourceKind: z.enum(Object.keys(FINDING_SOURCES) as [keyof typeof FINDING_SOURCES, ...(keyof typeof FINDING_SOURCES)[]]),
  description: z.string().trim().min(1, '请填写问题描述').max(1000),
  townCode: z.string().min(1), targetName: z.string().trim().max(100), goal: z.string().trim().max(500), measures: z.string().trim().max(1000),
  responsibleUnit: z.string().trim().min(1, '请填写牵头（责任）单位').max(100), partnerUnits: z.string().trim().max(200), leader: z.string().trim().max(50),
  responsiblePerson: z.string().trim().min(1, '请填写责任人').max(50),
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '整改时限应为日期'), foundAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type FindingImportDraft = z.output<typeof FindingImportDraft>;
export type Finding = z.infer<typeof Finding>;

export const findingProcedures = {
  'findings.list': {
    input: z.object({ targetKind: z.enum(TARGET_KINDS).optional(), targetId: z.string().optional(), sourceId: z.string().optional(), townCode: z.string().optional(), ...Page }),
    output: z.object({ total: z.number(), rows: z.array(Finding) }),
  },
} as const;
