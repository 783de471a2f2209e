import { z } from 'zod';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, COMPLAINT_EVENT_KINDS, COMPLAINT_STATES } from '../complaint/fold';
import { TARGET_KINDS } from '../checklist/template';
import { RecordEvent } from '../events/event';
import { Id, Page, HandedFile } from './common';

const minute = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '请填写接收时间（年-月-日 时:分）');

/** 信访/12369 intake. */
export const ComplaintDraft = z.object({
  channel: z.enum(COMPLAINT_CHANNELS, { error: '请选择来源渠道' }),
  receivedAt: minute,
  complainantName: z.string().trim().max(30).default(''),
  complainantPhone: z.string().trim().max(30).default(''),
  content: z.string().trim().min(1, '请填写投诉内容').max(2000),
  categories: z.array(z.enum(COMPLAINT_CATEGORIES)).min(1, '请至少选择一个污染类别'),
  townCode: z.string().nullable().default(null),
  address: z.string().trim().max(200).default(''),
  lon: z.number().nullable().default(null), lat: z.number().nullable().default(null),
  targetKind: z.enum(TARGET_KINDS).nullable().default(null), targetId: z.string().nullable().default(null),
  targetName: z.string().trim().max(100).default(''),
});
export type ComplaintDraft = z.output<typeof ComplaintDraft>;

export const Complaint = ComplaintDraft.extend({
  id: z.string(), number: z.string(), townName: z.string().nullable(), state: z.enum(COMPLAINT_STATES),
  acceptBy: z.string(), completeBy: z.string().nullable(), acceptedAt: z.string().nullable(), concludedAt: z.string().nullable(),
  outcome: z.string().nullable(), overdue: z.string().nullable(), dueSoon: z.boolean(),
  /** A 复查 or 复核 waiting for its opinion (信访工作条例 第三十五条、第三十六条) and its 30-day due date. */
  reviewStage: z.string().nullable(), reviewDue: z.string().nullable(),
  /** False when the complainant's name and phone are hidden from this user (信访人信息保密). */
  complainantVisible: z.boolean(),
});
export type Complaint = z.infer<typeof Complaint>;

export const ComplaintDetail = z.object({
  complaint: Complaint, events: z.array(RecordEvent), allowed: z.array(z.enum(COMPLAINT_EVENT_KINDS)),
  inspections: z.array(z.object({ id: z.string(), startedAt: z.string().nullable(), templateName: z.string(), failingCount: z.number() })),
  limits: z.object({ acceptDays: z.number(), completeDays: z.number(), maxExtensionDays: z.number() }),
  extensionDays: z.number(), verifiedInspectionId: z.string().nullable(), reply: z.string().nullable(),
  review: z.object({ requestedAt: z.string(), dueBy: z.string(), answeredAt: z.string().nullable() }).nullable(),
  recheck: z.object({ requestedAt: z.string(), dueBy: z.string(), answeredAt: z.string().nullable() }).nullable(),
  findingIds: z.array(z.string()), caseIds: z.array(z.string()),
});
export type ComplaintDetail = z.infer<typeof ComplaintDetail>;

export const complaintProcedures = {
  'complaints.list': {
    input: z.object({
      q: z.string().trim().max(50).optional(), state: z.enum(COMPLAINT_STATES).optional(), overdue: z.boolean().optional(),
      townCode: z.string().optional(), category: z.enum(COMPLAINT_CATEGORIES).optional(), channel: z.enum(COMPLAINT_CHANNELS).optional(),
      from: z.string().optional(), to: z.string().optional(), ...Page,
    }),
    output: z.object({ total: z.number(), rows: z.array(Complaint) }),
  },
  'complaints.get': { input: z.object({ id: Id }), output: ComplaintDetail },
  'complaints.create': { input: ComplaintDraft, output: ComplaintDetail },
  /** Gives a complaint the next free number of its year (two laptops offline gave the same number to two complaints). */
  'complaints.renumber': { input: z.object({ id: Id }), output: ComplaintDetail },
  'complaints.act': {
    input: z.object({
      id: Id, kind: z.enum(COMPLAINT_EVENT_KINDS),
      at: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, '日期格式应为 yyyy-mm-dd').optional(),
      text: z.string().trim().max(2000).default(''), data: z.record(z.string(), z.unknown()).default({}),
      files: z.array(HandedFile).max(20).default([]),
    }),
    output: ComplaintDetail,
  },
} as const;
