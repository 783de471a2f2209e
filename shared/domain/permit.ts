import { addDays, daysBetween } from './calendar';

/**
 * 排污许可 of an 排污单位 (issue 19; DOMAIN.md [M]).
 * - 许可证编号 as issued: the unit's 统一社会信用代码, a 3-digit sequence and a letter (e.g.
 *   91360799MA35X0XB4Q001P) — checked loosely: the shape, and the code against the unit's (a warning).
 * - 有效期: 排污许可管理条例 第十四条 — a permit runs 5 years; a unit that needs it to continue applies
 *   60 days before it expires, so the workbench warns from then on.
 * - 环境监管重点单位 (环境监管重点单位名录管理办法, 2022, 生态环境部令第27号): the categories a unit is listed
 *   under, any of six.
 */

export const RENEW_BEFORE_DAYS = 60;

export const KEY_UNIT_CATEGORIES = ['水环境重点排污单位', '地下水污染防治重点排污单位', '大气环境重点排污单位', '噪声重点排污单位', '土壤污染重点监管单位', '环境风险重点管控单位'] as const;
export type KeyUnitCategory = (typeof KEY_UNIT_CATEGORIES)[number];

/** Null when the number has the shape of a 排污许可证编号, else why not (Chinese). */
export function permitNumberProblem(n: string): string | null {
  return /^[0-9A-Z]{18}\d{3}[A-Z]$/.test(n) ? null : '排污许可证编号应为“统一社会信用代码 + 3位顺序码 + 1位字母”，共22位，例如 91360799MA35X0XB4Q001P';
}

/** Null when the 排污登记 receipt number has a plausible shape (as 许可证编号, or the number printed on the receipt). */
export function registrationNumberProblem(n: string): string | null {
  return /^[0-9A-Z]{18}\d{3}[A-Z]$/.test(n) || /^[0-9A-Z-]{6,40}$/.test(n) ? null : '排污登记编号应照登记回执填写（字母、数字，6–40 位）';
}

export type PermitValidity = { state: 'none' | 'valid' | 'expiring' | 'expired'; daysLeft: number | null; text: string };

/** Where a permit stands on `today`: valid, to be renewed (within 60 days), or expired. */
export function permitValidity(validTo: string | null, today: string): PermitValidity {
  if (!validTo) return { state: 'none', daysLeft: null, text: '' };
  const daysLeft = daysBetween(today, validTo);
  if (daysLeft < 0) return { state: 'expired', daysLeft, text: `排污许可证已于 ${validTo} 过期` };
  if (daysLeft <= RENEW_BEFORE_DAYS) return { state: 'expiring', daysLeft, text: `排污许可证 ${validTo} 到期（剩 ${daysLeft} 天），应在到期 60 日前申请延续（截至 ${addDays(validTo, -RENEW_BEFORE_DAYS)}）` };
  return { state: 'valid', daysLeft, text: `有效期至 ${validTo}` };
}
