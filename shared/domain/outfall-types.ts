/**
 * 入河排污口 classification and the field-survey vocabularies. The five types and the national 细类 are
 * those of 国办函〔2022〕17号《关于加强入河入海排污口监督管理工作的实施意见》 and the 排查整治
 * technical guideline; a province may set its own 细类 per type (设置 → 排污口分类, `outfallSubTypes`),
 * the national list being the default.
 */

export const OUTFALL_TYPES = {
  工业排污口: ['工业企业排污口', '工业企业雨洪排口', '矿山排污口', '矿山雨洪排口', '尾矿库排污口', '尾矿库雨洪排口', '工业园区污水处理厂排污口', '工业园区雨洪排口'],
  城镇污水处理厂排污口: ['城镇污水处理厂排污口'],
  农业排口: ['规模化畜禽养殖排污口', '规模化水产养殖排污口'],
  其他排口: ['大中型灌区排口', '规模以下畜禽养殖排污口', '规模以下水产养殖排污口', '农村污水处理设施排污口', '农村生活污水散排口', '港口码头排口', '城镇生活污水散排口', '城镇雨洪排口', '其他'],
  暂无法确定: ['暂无法确定'],
} as const satisfies Record<string, readonly string[]>;

export type OutfallType = keyof typeof OUTFALL_TYPES;
export const OUTFALL_TYPE_NAMES = Object.keys(OUTFALL_TYPES) as OutfallType[];
export const OUTFALL_SUBTYPE_NAMES: string[] = Object.values(OUTFALL_TYPES).flat();

/** The 细类 of each type in force in a workspace. */
export type OutfallClassification = Record<OutfallType, readonly string[]>;

/** The classification in force: the province's 细类 for each type it set, the national list for the others. */
export function classificationOf(custom: Partial<Record<OutfallType, readonly string[]>> | undefined): OutfallClassification {
  return Object.fromEntries(OUTFALL_TYPE_NAMES.map((t) => [t, custom?.[t]?.length ? custom[t]! : OUTFALL_TYPES[t]])) as OutfallClassification;
}

/** Whether a sub-type belongs to a type (in the national classification unless another is given). */
export function isSubTypeOf(type: OutfallType, subType: string, classification: OutfallClassification = OUTFALL_TYPES): boolean {
  return (classification[type] ?? []).includes(subType);
}

/** Outfalls of 工矿企业, 园区 and 城镇污水处理厂 are approved (审批); the others are registered (登记). */
export function needsApproval(subType: string): boolean {
  return /^(工业企业|矿山|尾矿库|工业园区)/.test(subType) || subType === '城镇污水处理厂排污口';
}

export const ENTRY_MODES = ['明渠', '管道', '泵站', '涵闸', '箱涵', '其他'] as const;
export const CODE_STATES = ['暂不掌握', '已掌握', '现场标识牌显示'] as const;
export const DISCHARGE_PATTERNS = ['连续排放', '间歇排放', '季节性排放', '无排水'] as const;
export const APPROVAL_STATES = ['已审批', '已登记', '未审批', '未登记', '无需审批登记'] as const;
export const SIGN_STATES = ['已设置且规范', '已设置不规范', '未设置'] as const;
export const REMEDIATION_CATEGORIES = ['依法取缔', '清理合并', '规范整治'] as const;
export const REMEDIATION_STATES = ['未开始', '整治中', '已完成', '已销号'] as const;

/** Who answers for an outfall (issue 19): an enterprise, a town government, a village committee or another body. */
export const RESPONSIBLE_KINDS = ['企业', '镇人民政府（街道办事处）', '村（居）民委员会', '其他单位'] as const;
export type ResponsibleKind = (typeof RESPONSIBLE_KINDS)[number];
