import { z } from 'zod';
import { CASE_EVENT_KINDS, CASE_STATES } from '../case/fold';
import { TARGET_KINDS } from '../checklist/template';
import { RecordEvent } from '../events/event';
import { Id, Page, HandedFile } from './common';
import { DocumentFields, IssuedDocument, Remedies, ServiceRecord } from '../enforcement/document';
import { DOCUMENT_KINDS } from '../enforcement/kinds';

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
  /** Every statutory clock the case has started, with where it stands today (issue 19). */
  clocks: z.array(z.object({ key: z.string(), label: z.string(), due: z.string(), done: z.string().nullable(), workdays: z.boolean(), source: z.string(), state: z.enum(['open', 'overdue', 'done', 'late']) })),
  nextDue: z.string().nullable(), documents: z.number(),
});
export type Case = z.infer<typeof Case>;

/** A document of the case file as its page lists it. */
export const CaseDocumentRow = z.object({
  id: z.string(), kind: z.enum(DOCUMENT_KINDS), title: z.string(), number: z.string(), at: z.string(), sha256: z.string(), seq: z.number(),
  served: ServiceRecord.extend({ at: z.string(), evidence: z.number().optional() }).nullable(), flag: z.string().nullable(),
});
export type CaseDocumentRow = z.infer<typeof CaseDocumentRow>;

export const CaseDetail = z.object({
  case: Case, events: z.array(RecordEvent), allowed: z.array(z.enum(CASE_EVENT_KINDS)),
  documents: z.array(CaseDocumentRow), documentKinds: z.array(z.enum(DOCUMENT_KINDS)),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const caseProcedures = {
  'cases.list': {
    input: z.object({ q: z.string().trim().max(50).optional(), state: z.enum(CASE_STATES).optional(), townCode: z.string().optional(), publicityOverdue: z.boolean().optional(), clockOverdue: z.boolean().optional(), from: z.string().optional(), to: z.string().optional(), ...Page }),
    output: z.object({ total: z.number(), rows: z.array(Case) }),
  },
  'cases.get': { input: z.object({ id: Id }), output: CaseDetail },
  /** A draft prefilled from the finding or complaint a case is opened from. */
  'cases.draftFrom': { input: z.object({ kind: z.enum(['finding', 'complaint']), id: Id }), output: CaseDraft },
  'cases.create': { input: CaseDraft, output: CaseDetail },
  /** What a new document of this kind starts from: the case's facts, its source's officers, the bureau's numbering and remedies. */
  'cases.documentDraft': {
    input: z.object({ id: Id, kind: z.enum(DOCUMENT_KINDS) }),
    output: z.object({ fields: z.record(z.string(), z.unknown()), number: z.string(), numberedBy: z.enum(['prefix', 'hand', 'none']), remedies: Remedies.nullable(), notice: z.string() }),
  },
  /** 制作文书: fills, numbers, freezes (canonical JSON, SHA-256), signs and chains a document into the case file. */
  'cases.issueDocument': {
    input: z.object({
      id: Id, fields: DocumentFields, number: z.string().trim().max(60).optional(),
      issuedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '制作日期应为 yyyy-mm-dd').optional(), remedies: Remedies.optional(),
    }),
    output: CaseDetail,
  },
  /** One frozen document with its proofs (for printing and checking). */
  'cases.document': {
    input: z.object({ id: Id, documentId: Id }),
    output: z.object({ document: z.record(z.string(), z.unknown()), issued: IssuedDocument, served: ServiceRecord.extend({ at: z.string(), evidence: z.number().optional() }).nullable(), intact: z.boolean(), caseParty: z.string(), flag: z.string().nullable() }),
  },
  'cases.act': {
    input: z.object({
      id: Id, kind: z.enum(CASE_EVENT_KINDS), at: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, '日期格式应为 yyyy-mm-dd').optional(),
      text: z.string().trim().max(4000).default(''), data: z.record(z.string(), z.unknown()).default({}),
      files: z.array(HandedFile).max(20).default([]),
    }),
    output: CaseDetail,
  },
} as const;
