/** 排污单位 vocabularies: permit management class (排污许可), operating state. */

export const PERMIT_CLASSES = ['重点管理', '简化管理', '登记管理'] as const;
export type PermitClass = (typeof PERMIT_CLASSES)[number];

export const ENTERPRISE_STATES = ['在产', '停产', '关闭', '在建'] as const;
export type EnterpriseState = (typeof ENTERPRISE_STATES)[number];
