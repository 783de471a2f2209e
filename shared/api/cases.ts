import { z } from 'zod';
import { CASE_EVENT_KINDS, CASE_STATES } from '../case/fold';
import { TARGET_KINDS } from '../checklist/template';
import { RecordEvent } from '../events/event';
import { Id, Page } from './common';

export const CASE_SOURCES = { finding: '问题线索', complaint: '信访投诉', inspection: '现场检查', other: '其他' } as const;

/** 查处: a case opened from a finding, a complaint or an inspection. */
export const CaseDraft = z.object({
  sourceKind: z.enum(['finding', 'complaint', 'inspection', 'other']), sourceId: z.string().nullable().default(null),
  targetKind: z.enum(TARGET_KINDS).nullable().default(null), targetId: z.string().nullable().default(null), targetName: z.string().trim().max(100).default(''),
  party: z.string().trim().min(1, '请填写当事人').max(100), uscc: z.string().trim().max(18).default(''),
  legalRepresentative: z.string().trim().max(30).default(''), address: z.string().trim().max(200).default(''),
  townCode: z.string().nullable().default(null), facts: z.string().trim().min(1, '请填写违法事实').max(4000),
  openedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请填写案源登记日期'),
});
export type CaseDraft = z.output<typeof CaseDraft>;

export const Case = CaseDraft.extend({
  id: z.string(), townName: z.string().nullable(), state: z.enum(CASE_STATES), filedNumber: z.string().nullable(), filedAt: z.string().nullable(),
  decisionKind: z.string().nullable(), decisionNumber: z.string().nullable(), penaltyAmount: z.number().nullable(), legalBasis: z.string().nullable(),
  decidedAt: z.string().nullable(), publishBy: z.string().nullable(), publishedAt: z.string().nullable(), transferredAt: z.string().nullable(),
  closedAt: z.string().nullable(), publicityOverdue: z.boolean(),
});
export type Case = z.infer<typeof Case>;

export const CaseDetail = z.object({ case: Case, events: z.array(RecordEvent), allowed: z.array(z.enum(CASE_EVENT_KINDS)) });
export type CaseDetail = z.infer<typeof CaseDetail>;

export const caseProcedures = {
  'cases.list': {
    input: z.object({ q: z.string().trim().max(50).optional(), state: z.enum(CASE_STATES).optional(), townCode: z.string().optional(), publicityOverdue: z.boolean().optional(), from: z.string().optional(), to: z.string().optional(), ...Page }),
    output: z.object({ total: z.number(), rows: z.array(Case) }),
  },
  'cases.get': { input: z.object({ id: Id }), output: CaseDetail },
  /** A draft prefilled from the finding or complaint a case is opened from. */
  'cases.draftFrom': { input: z.object({ kind: z.enum(['finding', 'complaint']), id: Id }), output: CaseDraft },
  'cases.create': { input: CaseDraft, output: CaseDetail },
  'cases.act': {
    input: z.object({
      id: Id, kind: z.enum(CASE_EVENT_KINDS), at: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, '日期格式应为 yyyy-mm-dd').optional(),
      text: z.string().trim().max(4000).default(''), data: z.record(z.string(), z.unknown()).default({}),
      files: z.array(z.object({ name: z.string(), base64: z.string() })).max(20).default([]),
    }),
    output: CaseDetail,
  },
} as const;
