import { z } from 'zod';
import { DEADLINE_BANDS } from '../checklist/deadline-band';
import { TARGET_KINDS } from '../checklist/template';
import { RecordEvent } from '../events/event';
import { FINDING_EVENT_KINDS, FINDING_STATES } from '../finding/states';
import { Id, Page, HandedFile } from './common';

export const Finding = z.object({
  id: z.string(), sourceKind: z.string(), sourceId: z.string().nullable(), itemId: z.string().nullable(),
  targetKind: z.enum(TARGET_KINDS), targetId: z.string().nullable(), targetName: z.string(), townCode: z.string().nullable(), townName: z.string().nullable(),
  description: z.string(), legalBasis: z.string(), deadlineBand: z.enum(DEADLINE_BANDS), responsibleUnit: z.string(), responsiblePerson: z.string(),
  deadline: z.string(), measures: z.string(), foundAt: z.string(), state: z.enum(FINDING_STATES),
  number: z.string().nullable(), goal: z.string(), partnerUnits: z.string(), leader: z.string(),
  watershedId: z.string().nullable(), industrySection: z.string().nullable(),
  // Derived from the events (the fold), cached on the row:
  responsiblePersonId: z.string().nullable(), progress: z.string().nullable(), acceptedAt: z.string().nullable(),
  noticeFrom: z.string().nullable(), noticeTo: z.string().nullable(), closedAt: z.string().nullable(), recheckDue: z.string().nullable(),
  reopenCount: z.number(), flagCount: z.number(), overdue: z.boolean(),
  /** Days past the deadline while unfinished (issue 20), and the number the ledger shows (its list's number, else year and id). */
  overdueDays: z.number(), findingNo: z.string(),
});
export type Finding = z.infer<typeof Finding>;

/** Where a finding came from (DOMAIN: 中央/省级督察交办, own inspections, complaints, monitoring). */
export const FINDING_SOURCES = { central: '中央督察交办', provincial: '省级督察交办', inspection: '自查发现（现场检查）', complaint: '信访投诉', monitoring: '监测发现' } as const;
export type FindingSource = keyof typeof FINDING_SOURCES;
const SourceKind = z.enum(Object.keys(FINDING_SOURCES) as [FindingSource, ...FindingSource[]]);

/** A row of a 督察交办 problem list, as imported. */
export const FindingImportDraft = z.object({
  number: z.string().trim().max(50).nullable(),
  sourceKind: SourceKind,
  description: z.string().trim().min(1, '请填写问题描述').max(1000),
  townCode: z.string().min(1), targetName: z.string().trim().max(100), goal: z.string().trim().max(500), measures: z.string().trim().max(1000),
  responsibleUnit: z.string().trim().min(1, '请填写牵头（责任）单位').max(100), partnerUnits: z.string().trim().max(200), leader: z.string().trim().max(50),
  responsiblePerson: z.string().trim().min(1, '请填写责任人').max(50),
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '整改时限应为日期'), foundAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type FindingImportDraft = z.output<typeof FindingImportDraft>;

/** A finding raised by hand (monitoring, a complaint, a handed-down list of one). */
export const FindingDraft = FindingImportDraft.extend({
  targetKind: z.enum(TARGET_KINDS), targetId: z.string().nullable(), legalBasis: z.string().trim().max(500), deadlineBand: z.enum(DEADLINE_BANDS),
  sourceId: z.string().nullable(),
});
export type FindingDraft = z.output<typeof FindingDraft>;

export const FindingFilter = z.object({
  q: z.string().trim().max(50).optional(), state: z.enum(FINDING_STATES).optional(), overdue: z.boolean().optional(),
  targetKind: z.enum(TARGET_KINDS).optional(), targetId: z.string().optional(), sourceId: z.string().optional(),
  sourceKind: SourceKind.optional(), townCode: z.string().optional(), responsibleUnit: z.string().optional(), responsiblePerson: z.string().optional(),
  deadlineBand: z.enum(DEADLINE_BANDS).optional(), watershedId: z.string().optional(), industry: z.string().max(1).optional(),
  /** A re-check after close-out falls due on or before this date. */
  recheckDueBy: z.string().optional(),
  reopened: z.boolean().optional(),
  /** Not yet accepted (整改中, whatever the step). */
  unfinished: z.boolean().optional(),
  /** Found in this month (yyyy-mm). */
  month: z.string().regex(/^\d{4}-\d{2}$/).optional(),
});
export type FindingFilter = z.infer<typeof FindingFilter>;

/** What a user may do to a finding: one event of its log. */
export const FindingAction = z.object({
  id: Id,
  kind: z.enum(FINDING_EVENT_KINDS).exclude(['created']),
  /** When it happened (yyyy-mm-dd or a local minute); today when left out. */
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, '日期格式应为 yyyy-mm-dd').optional(),
  text: z.string().trim().max(2000).default(''),
  data: z.record(z.string(), z.unknown()).default({}),
  /** Evidence files (photos, scans) as base64, stored as blobs. */
  files: z.array(HandedFile).max(20).default([]),
});

export const FindingDetail = z.object({
  finding: Finding, events: z.array(RecordEvent), allowed: z.array(z.enum(FINDING_EVENT_KINDS)),
  /** What the state allows but this person may not do here, and why (separation of duties, issue 18). */
  withheld: z.array(z.object({ kind: z.enum(FINDING_EVENT_KINDS), reason: z.string() })),
  /** Finalized inspections of the same target since the finding was found (candidates for a re-check). */
  inspections: z.array(z.object({ id: z.string(), startedAt: z.string().nullable(), templateName: z.string(), failingCount: z.number() })),
  settings: z.object({ noticeDays: z.number(), recheckAfterDays: z.number(), maxExtensionDays: z.number() }),
  originalDeadline: z.string(),
});
export type FindingDetail = z.infer<typeof FindingDetail>;

export const findingProcedures = {
  'findings.list': { input: FindingFilter.extend(Page), output: z.object({ total: z.number(), rows: z.array(Finding) }) },
  'findings.get': { input: z.object({ id: Id }), output: FindingDetail },
  'findings.act': { input: FindingAction, output: FindingDetail },
  'findings.assign': {
    input: z.object({ ids: z.array(Id).min(1, '请先勾选问题').max(5000), responsibleUnit: z.string().trim().min(1, '请填写责任单位').max(100), responsiblePerson: z.string().trim().min(1, '请填写责任人').max(50), personId: z.string().nullable().default(null), text: z.string().trim().max(500).default('') }),
    output: z.object({ assigned: z.number(), skipped: z.array(z.object({ id: z.string(), reason: z.string() })) }),
  },
  'findings.create': { input: FindingDraft, output: FindingDetail },
  'findings.facets': { input: z.object({}).default({}), output: z.object({ units: z.array(z.string()), persons: z.array(z.string()) }) },
} as const;
