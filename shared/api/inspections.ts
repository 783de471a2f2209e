import { z } from 'zod';
import { DEADLINE_BANDS } from '../checklist/deadline-band';
import { TARGET_KINDS } from '../checklist/template';
import { HandedFile, Id, Page, patchOf, text } from './common';

export const INSPECTION_STATES = ['draft', 'finalized', 'superseded'] as const;

export const Officer = z.object({ personId: z.string(), name: z.string(), certificateNo: z.string().nullable() });
export type Officer = z.infer<typeof Officer>;

/** The person present for the inspected unit (在场人). */
export const Present = z.object({
  name: text(30).default(''), idNumber: text(18).default(''), post: text(50).default(''), phone: text(30).default(''),
});
export type Present = z.infer<typeof Present>;

const Minute = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '时间格式应为 年-月-日 时:分');

/** The party's answers to the recusal question a 笔录 records (issue 19). */
export const RECUSAL_ANSWERS = ['不申请回避', '申请回避'] as const;

/** 检查来源 (issue 19): why the inspection was made — a 双随机 draw, a complaint, a task handed down by 督察, routine supervision, a special campaign. */
export const INSPECTION_SOURCES = ['双随机', '信访', '督察交办', '日常', '专项'] as const;

export const InspectionHeaderPatch = z.object({
  startedAt: Minute.nullable().optional(),
  endedAt: Minute.nullable().optional(),
  place: text(200).optional(),
  lon: z.number().nullable().optional(),
  lat: z.number().nullable().optional(),
  positionSource: z.enum(['device', 'typed', 'map', 'photo']).nullable().optional(),
  officerIds: z.array(Id).max(6).optional(),
  recorderId: Id.nullable().optional(),
  present: patchOf(Present).optional(),
  body: text(5000).optional(),
  /** 被检查人对“是否申请回避”的答复, and when recusal was asked for, how it was dealt with. */
  recusal: z.enum(RECUSAL_ANSWERS).nullable().optional(),
  recusalNote: text(500).optional(),
  source: z.enum(INSPECTION_SOURCES, { error: '检查来源应为 双随机、信访、督察交办、日常、专项 之一' }).nullable().optional(),
});
export type InspectionHeaderPatch = z.infer<typeof InspectionHeaderPatch>;

export const Photo = z.object({
  id: z.string(), itemId: z.string().nullable(), sha256: z.string(), thumbSha256: z.string(), fileName: z.string(), caption: z.string(),
  takenAt: z.string().nullable(), lon: z.number().nullable(), lat: z.number().nullable(), width: z.number(), height: z.number(),
});
export type Photo = z.infer<typeof Photo>;

/** What a recording in an inspection proves (issue 19): the inspection itself, or the party's refusal to sign the 笔录. */
export const RECORDING_PURPOSES = ['evidence', 'refusal'] as const;
export const RECORDING_PURPOSE_LABELS: Record<(typeof RECORDING_PURPOSES)[number], string> = { evidence: '现场录音录像', refusal: '拒绝签名过程的录音录像' };

/** An audio or video recording (执法记录仪, a phone) kept with an inspection, by SHA-256 like a photo. */
export const Recording = z.object({
  id: z.string(), sha256: z.string(), fileName: z.string(), caption: z.string(), mime: z.string(), size: z.number(),
  recordedAt: z.string().nullable(), purpose: z.enum(RECORDING_PURPOSES),
});
export type Recording = z.infer<typeof Recording>;

export const Signature = z.object({
  role: z.string(), signerName: z.string(), sha256: z.string().nullable(), signedAt: z.string(), refusedReason: z.string().nullable(),
});
export type Signature = z.infer<typeof Signature>;

/** What a failing item proposes, as the inspector reviewed it. */
export const ProposedFinding = z.object({
  itemId: z.string(), itemLabel: z.string(), included: z.boolean(), description: z.string(), legalBasis: z.string(),
  deadlineBand: z.enum(DEADLINE_BANDS), responsibleUnit: z.string(), responsiblePerson: z.string(), deadline: z.string().nullable(), measures: z.string(),
});
export type ProposedFinding = z.infer<typeof ProposedFinding>;

export const FindingPatch = z.object({
  included: z.boolean().optional(), description: text(500).optional(), legalBasis: text(500).optional(),
  responsibleUnit: text(100).optional(), responsiblePerson: text(50).optional(),
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日').nullable().optional(), measures: text(500).optional(),
});

export const InspectionSummary = z.object({
  id: z.string(), state: z.enum(INSPECTION_STATES), templateId: z.string(), templateName: z.string(), templateCode: z.string(),
  targetKind: z.enum(TARGET_KINDS), targetId: z.string().nullable(), targetName: z.string(), townCode: z.string().nullable(), townName: z.string(),
  startedAt: z.string().nullable(), endedAt: z.string().nullable(), officerNames: z.string(), failingCount: z.number(),
  supersedes: z.string().nullable(), sha256: z.string().nullable(), updatedAt: z.string(),
});
export type InspectionSummary = z.infer<typeof InspectionSummary>;

export const Inspection = InspectionSummary.omit({ officerNames: true, failingCount: true }).extend({
  template: z.object({ id: z.string(), code: z.string(), version: z.number(), name: z.string(), definition: z.unknown() }),
  targetAddress: z.string(), targetExtra: z.record(z.string(), z.string()),
  place: z.string(), lon: z.number().nullable(), lat: z.number().nullable(), positionSource: z.string().nullable(),
  officers: z.array(Officer), recorder: Officer.nullable(), present: Present, body: z.string(), notice: z.string(),
  recusal: z.enum(RECUSAL_ANSWERS).nullable(), recusalNote: z.string(), source: z.enum(INSPECTION_SOURCES).nullable(),
  correctionReason: z.string().nullable(), supersededBy: z.string().nullable(), finalizedAt: z.string().nullable(),
  answers: z.record(z.string(), z.object({ value: z.unknown(), note: z.string() })),
  photos: z.array(Photo), recordings: z.array(Recording), signatures: z.array(Signature), findings: z.array(ProposedFinding),
  /** What keeps the draft from being finalized, by item id or header field. */
  problems: z.record(z.string(), z.string()),
  /** A 复查 draft (issue 19): the target's open problems it must cover. */
  openProblems: z.array(z.object({ id: z.string(), description: z.string(), state: z.string(), deadline: z.string(), foundAt: z.string() })),
  record: z.object({
    sha256: z.string(), node: z.string(), chainSeq: z.number(), prevSha256: z.string().nullable(),
    /** Issue 18: the account that signed it at 定稿 (null: made before records were signed) and whether its device signature holds. */
    signer: z.string().nullable(), signatureHolds: z.boolean(), keyFingerprint: z.string().nullable(),
    /** The hub's countersigned receipt, once a sync has fetched it. */
    receipt: z.object({ hubSeq: z.number(), receivedAt: z.string() }).nullable(),
  }).nullable(),
  createdAt: z.string(),
});
export type Inspection = z.infer<typeof Inspection>;

export const InspectionFilter = z.object({
  q: z.string().trim().max(100).optional(),
  targetKind: z.enum(TARGET_KINDS).optional(), targetId: z.string().optional(), officerId: z.string().optional(),
  state: z.enum(INSPECTION_STATES).optional(), from: z.string().optional(), to: z.string().optional(),
  templateCode: z.string().optional(), townCode: z.string().optional(),
});

const Bytes = z.string().min(1, '文件为空').max(72_000_000, '文件超过 50 MB');

export const inspectionProcedures = {
  'inspections.list': { input: InspectionFilter.extend(Page), output: z.object({ total: z.number(), rows: z.array(InspectionSummary) }) },
  'inspections.get': { input: z.object({ id: Id }), output: Inspection },
  'inspections.start': {
    input: z.object({
      templateId: Id, targetKind: z.enum(TARGET_KINDS), targetId: Id.nullable().default(null),
      siteName: text(100).default(''), siteAddress: text(200).default(''), officerIds: z.array(Id).max(6).default([]),
      source: z.enum(INSPECTION_SOURCES).nullable().default(null),
    }),
    output: z.object({ id: z.string() }),
  },
  'inspections.updateHeader': { input: z.object({ id: Id, patch: InspectionHeaderPatch }), output: z.object({ problems: z.record(z.string(), z.string()) }) },
  'inspections.answer': {
    input: z.object({ id: Id, itemId: Id, value: z.unknown(), note: text(1000).optional() }),
    /** The answer's verdict and what the core derived anew: proposed findings and what still keeps the draft from being finalized. */
    output: z.object({ failing: z.boolean(), findings: z.array(ProposedFinding), problems: z.record(z.string(), z.string()) }),
  },
  'inspections.addPhoto': {
    input: z.object({
      id: Id, itemId: z.string().nullable().default(null), fileName: text(200).default('照片'), caption: text(200).default(''), base64: Bytes,
      /** When the photo was taken with the app's camera (a canvas frame has no EXIF); EXIF wins when present. */
      capturedAt: Minute.nullable().default(null),
    }),
    output: Photo,
  },
  'inspections.removePhoto': { input: z.object({ id: Id, photoId: Id }), output: z.object({ id: z.string() }) },
  'inspections.addRecording': {
    input: z.object({
      id: Id, file: HandedFile, caption: text(200).default(''),
      /** When it was recorded, as the officer states it (a recorder's clock is often wrong; nothing is guessed). */
      recordedAt: Minute.nullable().default(null),
      purpose: z.enum(RECORDING_PURPOSES, { error: '录音录像的用途应为 现场录音录像 或 拒绝签名过程的录音录像' }).default('evidence'),
    }),
    output: Recording,
  },
  'inspections.removeRecording': { input: z.object({ id: Id, recordingId: Id }), output: z.object({ id: z.string() }) },
  'inspections.sign': {
    input: z.object({ id: Id, role: z.string().min(1), signerName: text(30).min(1, '请填写签名人姓名'), pngBase64: z.string().nullable().default(null), refusedReason: text(200).nullable().default(null) }),
    output: Signature,
  },
  'inspections.reviewFinding': { input: z.object({ id: Id, itemId: Id, patch: FindingPatch }), output: ProposedFinding },
  'inspections.finalize': { input: z.object({ id: Id }), output: z.object({ sha256: z.string(), chainSeq: z.number(), findingIds: z.array(z.string()) }) },
  'inspections.correct': { input: z.object({ id: Id, reason: text(500).min(1, '请说明更正原因') }), output: z.object({ id: z.string() }) },
  'inspections.discard': { input: z.object({ id: Id }), output: z.object({ id: z.string() }) },
  /**
   * The evidence package of a finalized record (issue 18): the signed text, its files, the device
   * signature, the hub's receipt and key, 说明.txt — checked anywhere with `qingshui evidence verify`.
   */
  'inspections.evidencePackage': {
    input: z.object({ id: Id }),
    output: z.object({ file: z.object({ name: z.string(), size: z.number(), modifiedAt: z.string() }), files: z.number(), signed: z.boolean(), countersigned: z.boolean() }),
  },
} as const;
