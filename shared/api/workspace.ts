import { OUTFALL_TYPE_NAMES, type OutfallType } from '../domain/outfall-types';
import { z } from 'zod';
import { CoordinateSystem, Id } from './common';
import { Person } from './people';

export const Settings = z.object({
  bureauName: z.string().trim().min(1, '请填写填报单位（局名称）').max(100),
  countyCode: z.string().regex(/^[1-8]\d{5}$/, '县级区划代码应为6位数字'),
  countyName: z.string().trim().min(1, '请填写县（市、区）名称').max(50),
  defaultCoordSystem: CoordinateSystem,
  contactPhone: z.string().trim().max(30),
  /** The notice officers read out at the start of an inspection (printed in the 现场检查笔录). */
  inspectionNotice: z.string().trim().max(1000),
  /** How ledgers write dates (2026年11月29日 or 2026-11-29) and coordinates (decimal or 度分秒). */
  ledgerDates: z.enum(['cn', 'iso']),
  ledgerCoords: z.enum(['decimal', 'dms']),
  /** 销号: days of public notice, days after close-out until the re-check, and the longest extension of a deadline. */
  noticeDays: z.number().int().min(1, '公示天数至少1天').max(90),
  recheckAfterDays: z.number().int().min(0).max(730),
  findingMaxExtensionDays: z.number().int().min(0).max(1095),
  /** 信访 time limits (DOMAIN: accept within 15 days, finish within 60, one extension ≤ 30; [U] nationally). */
  complaintAcceptDays: z.number().int().min(1).max(60),
  complaintCompleteDays: z.number().int().min(1).max(180),
  complaintMaxExtensionDays: z.number().int().min(0).max(90),
  /** The working-day calendar: official holidays and 调休 working weekend days (yyyy-mm-dd). */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '节假日应为日期')).max(400),
  workdays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '调休工作日应为日期')).max(100),
  /** People who may see complainants' names in lists and exports (信访人信息保密). */
  complainantViewers: z.array(z.string()).max(100),
  /** The offline basemap: an .mbtiles raster tile package on this computer ('' for none). */
  basemapPath: z.string().max(1000),
  /** Minutes of no activity before the app locks (issue 18; 等保 2.0 8.1.4.1 b 登录连接超时自动退出). */
  idleLockMinutes: z.number().int().min(1, '锁屏时间至少 1 分钟').max(60, '锁屏时间不超过 60 分钟'),
  /** 执法文书的文号前缀 (e.g. 清环责改 → 清环责改〔2026〕12号); '' — the number is written by hand (issue 19). */
  documentPrefixes: z.object({
    order: z.string().trim().max(20, '文号前缀不超过20个字'), notice: z.string().trim().max(20, '文号前缀不超过20个字'), penalty: z.string().trim().max(20, '文号前缀不超过20个字'),
  }),
  /** 行政复议机关 named in decisions ('' — the county's 人民政府, 行政复议法 2023 第二十四条) and the 人民法院 for a lawsuit. */
  reviewBody: z.string().trim().max(100),
  courtName: z.string().trim().max(100),
  /** 验收层级 by a problem's source (issue 19): 中央/省级督察交办 — 县级验收 + 市级复核; the county's own — 县级验收. */
  acceptanceLevels: z.record(z.string(), z.array(z.enum(['county', 'city'])).min(1, '至少需要县级验收')),
  /**
   * A province's own 细类 of 入河排污口 per type (issue 19); a type not named keeps the national 细类
   * (国办函〔2022〕17号). Each 细类 names one kind of outfall: no duplicates across types.
   */
  outfallSubTypes: z.partialRecord(z.enum(OUTFALL_TYPE_NAMES as [OutfallType, ...OutfallType[]]), z.array(z.string().trim().min(1, '细类名称不能为空').max(40, '细类名称不超过40个字')).max(60))
    .refine((m) => { const all = Object.values(m).flat(); return new Set(all).size === all.length; }, '同一细类不能出现在两个类型中'),
  /** Days an automatic daily backup is kept in the data folder's backups/ (0: none made; issue 20). */
  backupKeepDays: z.number().int('天数应为整数').min(0).max(365, '最多保留 365 天'),
  /** 现场照片核对 (issue 20): a photo taken farther than this from the inspection, or more days apart, is flagged. */
  photoCheck: z.object({
    maxDistanceKm: z.number().min(0.1, '距离至少 0.1 km').max(100, '距离不超过 100 km'),
    maxDaysApart: z.number().int('天数应为整数').min(0).max(30, '天数不超过 30'),
  }),
  /** Where fines are paid (银行、账户或电子缴款渠道), printed in a 处罚决定书. */
  paymentAccount: z.string().trim().max(300),
});
export type Settings = z.infer<typeof Settings>;

export const Stats = z.object({
  enterprises: z.number(), outfalls: z.number(), regions: z.number(), people: z.number(),
  watersheds: z.number(), waterBodies: z.number(), changes: z.number(),
  inspections: z.number(), finalizedInspections: z.number(), findings: z.number(), checklistTemplates: z.number(), blobs: z.number(),
  findingsByState: z.record(z.string(), z.number()), findingEvents: z.number(), complaints: z.number(), cases: z.number(), plans: z.number(),
});
export type Stats = z.infer<typeof Stats>;

export const Overview = z.object({
  enterprises: z.number(), keyUnits: z.number(), outfalls: z.number(), remediating: z.number(),
  byTown: z.array(z.object({ townCode: z.string(), townName: z.string(), enterprises: z.number(), keyUnits: z.number(), outfalls: z.number(), remediating: z.number() })),
});
export type Overview = z.infer<typeof Overview>;

export const HistoryEntry = z.object({
  hlc: z.string(), at: z.string(), author: z.string(), authorName: z.string(),
  /** The hub account whose device sent this change here (null: written on this laptop, or before the hub said). */
  pushedBy: z.string().nullable(),
  fields: z.record(z.string(), z.unknown()),
  /** For fields that point at another record (town, water body, enterprise…): that record's name. */
  names: z.record(z.string(), z.string()),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const VerifyReport = z.object({
  records: z.number(), blobs: z.number(), templates: z.number(), chains: z.number(),
  /** Issue 18: records signed by their device at 定稿; records with the hub's countersigned receipt. */
  signed: z.number(), countersigned: z.number(),
  /** Issue 19: enforcement documents checked (hash, device signature, each case file's chain). */
  documents: z.number().optional(),
  problems: z.array(z.object({ kind: z.enum(['record', 'blob', 'chain', 'template']), id: z.string(), message: z.string() })),
  seconds: z.number(),
});
export type VerifyReport = z.infer<typeof VerifyReport>;

export const workspaceProcedures = {
  /** A new county's empty workspace: its 填报单位 and county (refused once the workspace holds a county). */
  'workspace.init': { input: Settings.pick({ bureauName: true, countyCode: true, countyName: true }), output: Settings },
  /** Every signed record, chain link, photo, signature and checklist version checked against its SHA-256. */
  'workspace.verify': { input: z.object({}).default({}), output: VerifyReport },
  'workspace.info': {
    input: z.object({}).default({}),
    output: z.object({ settings: Settings, currentPerson: Person.nullable(), nodeId: z.string(), schemaVersion: z.number(), file: z.string(), today: z.string() }),
  },
  'workspace.updateSettings': { input: Settings.partial(), output: Settings },
  'workspace.signIn': { input: z.object({ personId: Id }), output: Person },
  'workspace.stats': { input: z.object({}).default({}), output: Stats },
  'workspace.overview': { input: z.object({}).default({}), output: Overview },
  'workspace.history': {
    input: z.object({ entity: z.enum(['enterprise', 'outfall', 'person', 'settings']), id: Id }),
    output: z.array(HistoryEntry),
  },
} as const;
