import { z } from 'zod';
import {
  APPROVAL_STATES, CODE_STATES, DISCHARGE_PATTERNS, ENTRY_MODES, OUTFALL_TYPE_NAMES, REMEDIATION_CATEGORIES,
  REMEDIATION_STATES, RESPONSIBLE_KINDS, SIGN_STATES, type OutfallType,
} from '../domain/outfall-types';
import { CoordinateSystem, Id, Page, RecordMeta, SortDir, dayOrNull, nullableText, patchOf, text } from './common';
import { Warning } from './result';
import { dischargeFields } from './discharge';

const OutfallTypeEnum = z.enum(OUTFALL_TYPE_NAMES as [OutfallType, ...OutfallType[]]);

/** What a person fills in for an 入河排污口 (一口一档). */
export const OutfallDraft = z.object({
  name: text(100).min(1, '请填写排污口名称'),
  code: nullableText.default(null),
  localCode: nullableText.default(null),
  codeState: z.enum(CODE_STATES).default('暂不掌握'),
  type: OutfallTypeEnum,
  subType: text(30).min(1, '请选择排污口细类'),
  waterBodyId: nullableText.default(null),
  watershedId: nullableText.default(null),
  townCode: text(12).min(1, '请选择所属镇街'),
  villageCode: nullableText.default(null),
  lon: z.number().nullable().default(null),
  lat: z.number().nullable().default(null),
  coordSystem: CoordinateSystem.default('CGCS2000'),
  entryMode: z.enum(ENTRY_MODES).nullable().default(null),
  dischargePattern: z.enum(DISCHARGE_PATTERNS).nullable().default(null),
  enterpriseId: nullableText.default(null),
  approvalState: z.enum(APPROVAL_STATES).nullable().default(null),
  signState: z.enum(SIGN_STATES).nullable().default(null),
  remediationCategory: z.enum(REMEDIATION_CATEGORIES).nullable().default(null),
  remediationState: z.enum(REMEDIATION_STATES).nullable().default(null),
  nearestSection: text(50).default(''),
  sectionDistanceKm: z.number().min(0, '距国控断面距离不能为负').max(1000).nullable().default(null),
  note: text(2000).default(''),
  ...dischargeFields,
  /** 责任主体 (溯): the kind of body, its name, USCC where it has one, contact and phone (an enterprise: `enterpriseId`). */
  responsibleKind: z.enum(RESPONSIBLE_KINDS).nullable().default(null),
  responsibleName: text(100).default(''),
  responsibleUscc: nullableText.default(null),
  responsibleContact: text(50).default(''),
  responsiblePhone: text(30).default(''),
  /** 设置审批/备案 number and date. */
  approvalNumber: nullableText.default(null),
  approvalDate: dayOrNull('审批（备案）日期'),
  /** 整治 (治): measures, planned and actual completion, monitoring after the works, 销号 evidence. */
  remediationMeasures: text(1000).default(''),
  remediationPlannedAt: dayOrNull('计划完成日期'),
  remediationDoneAt: dayOrNull('实际完成日期'),
  postMonitoring: text(1000).default(''),
  closureEvidence: text(1000).default(''),
});
export type OutfallDraft = z.output<typeof OutfallDraft>;

export const Outfall = OutfallDraft.omit({ coordSystem: true }).extend({
  ...RecordMeta,
  /** Another town's record a town officer reads as a reference (issue 21): why it is read-only. */
  reference: z.string().nullable().optional(),
  townName: z.string(),
  villageName: z.string().nullable(),
  waterBodyName: z.string().nullable(),
  watershedName: z.string().nullable(),
  enterpriseName: z.string().nullable(),
});
export type Outfall = z.infer<typeof Outfall>;

export const OutfallSummary = Outfall.pick({
  id: true, name: true, code: true, type: true, subType: true, townCode: true, townName: true,
  waterBodyName: true, remediationCategory: true, remediationState: true, updatedAt: true,
});
export type OutfallSummary = z.infer<typeof OutfallSummary>;

export const OUTFALL_SORT_KEYS = ['name', 'code', 'town', 'type', 'waterBody', 'updatedAt'] as const;

export const OutfallFilter = z.object({
  q: z.string().trim().max(100).optional(),
  townCode: z.string().optional(),
  watershedId: z.string().optional(),
  waterBodyId: z.string().optional(),
  type: OutfallTypeEnum.optional(),
  remediationCategory: z.enum(REMEDIATION_CATEGORIES).optional(),
  remediationState: z.enum(REMEDIATION_STATES).optional(),
  enterpriseId: z.string().optional(),
});
export type OutfallFilter = z.infer<typeof OutfallFilter>;

const Saved = z.object({ outfall: Outfall, warnings: z.array(Warning) });

export const outfallProcedures = {
  'outfalls.list': {
    input: OutfallFilter.extend({ sort: z.enum(OUTFALL_SORT_KEYS).default('name'), dir: SortDir.default('asc'), ...Page }),
    output: z.object({ total: z.number(), rows: z.array(OutfallSummary) }),
  },
  'outfalls.get': { input: z.object({ id: Id }), output: Outfall },
  'outfalls.create': { input: OutfallDraft, output: Saved },
  'outfalls.update': { input: z.object({ id: Id, patch: patchOf(OutfallDraft) }), output: Saved },
  'outfalls.remove': { input: z.object({ id: Id }), output: z.object({ id: z.string() }) },
} as const;
