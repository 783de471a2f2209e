import { z } from 'zod';
import { ENTERPRISE_STATES, PERMIT_CLASSES } from '../domain/enterprise-fields';
import { CoordinateSystem, Id, Page, RecordMeta, SortDir, dayOrNull, nullableText, patchOf, text } from './common';
import { Warning } from './result';
import { dischargeFields } from './discharge';
import { KEY_UNIT_CATEGORIES } from '../domain/permit';

/** What a person fills in for an 排污单位 (一企一档). */
export const EnterpriseDraft = z.object({
  name: text(100).min(1, '请填写单位名称'),
  /** 统一社会信用代码; blank where a unit has none to hand (个体户, a rural site) — said as a warning, never invented (issue 20). */
  uscc: text(18).default(''),
  pollutionSourceCode: nullableText.default(null),
  industryCode: nullableText.default(null),
  permitClass: z.enum(PERMIT_CLASSES).nullable().default(null),
  keyUnit: z.boolean().default(false),
  state: z.enum(ENTERPRISE_STATES).default('在产'),
  address: text(200).default(''),
  townCode: text(12).min(1, '请选择所属镇街'),
  villageCode: nullableText.default(null),
  watershedId: nullableText.default(null),
  lon: z.number().nullable().default(null),
  lat: z.number().nullable().default(null),
  coordSystem: CoordinateSystem.default('CGCS2000'),
  legalRepresentative: text(50).default(''),
  contactName: text(50).default(''),
  contactPhone: text(30).default(''),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  note: text(2000).default(''),
  ...dischargeFields,
  /** 排污许可 as issued (issue 19): number, issuer, validity; 排污登记 receipt; 环境监管重点单位 categories. */
  permitNumber: nullableText.default(null),
  permitIssuer: text(100).default(''),
  permitValidFrom: dayOrNull('许可证有效期起'),
  permitValidTo: dayOrNull('许可证有效期至'),
  registrationNumber: nullableText.default(null),
  keyUnitCategories: z.array(z.enum(KEY_UNIT_CATEGORIES)).max(6).default([]),
});
export type EnterpriseDraft = z.output<typeof EnterpriseDraft>;

export const Enterprise = EnterpriseDraft.omit({ coordSystem: true }).extend({
  ...RecordMeta,
  /** Another town's record a town officer reads as a reference (issue 21): why it is read-only. */
  reference: z.string().nullable().optional(),
  industryName: z.string(),
  townName: z.string(),
  villageName: z.string().nullable(),
  watershedName: z.string().nullable(),
  usccCheckMatches: z.boolean(),
});
export type Enterprise = z.infer<typeof Enterprise>;

export const EnterpriseSummary = Enterprise.pick({
  id: true, name: true, uscc: true, industryCode: true, industryName: true, permitClass: true, keyUnit: true,
  state: true, townCode: true, townName: true, address: true, updatedAt: true,
});
export type EnterpriseSummary = z.infer<typeof EnterpriseSummary>;

export const ENTERPRISE_SORT_KEYS = ['name', 'uscc', 'town', 'industry', 'updatedAt'] as const;

export const EnterpriseFilter = z.object({
  q: z.string().trim().max(100).optional(),
  townCode: z.string().optional(),
  watershedId: z.string().optional(),
  industrySection: z.string().regex(/^[A-T]$/).optional(),
  permitClass: z.enum(PERMIT_CLASSES).optional(),
  keyUnit: z.boolean().optional(),
  state: z.enum(ENTERPRISE_STATES).optional(),
});
export type EnterpriseFilter = z.infer<typeof EnterpriseFilter>;

const Saved = z.object({ enterprise: Enterprise, warnings: z.array(Warning) });

export const enterpriseProcedures = {
  'enterprises.list': {
    input: EnterpriseFilter.extend({ sort: z.enum(ENTERPRISE_SORT_KEYS).default('name'), dir: SortDir.default('asc'), ...Page }),
    output: z.object({ total: z.number(), rows: z.array(EnterpriseSummary) }),
  },
  'enterprises.get': { input: z.object({ id: Id }), output: Enterprise },
  'enterprises.create': { input: EnterpriseDraft, output: Saved },
  'enterprises.update': { input: z.object({ id: Id, patch: patchOf(EnterpriseDraft) }), output: Saved },
  'enterprises.remove': { input: z.object({ id: Id }), output: z.object({ id: z.string() }) },
} as const;
