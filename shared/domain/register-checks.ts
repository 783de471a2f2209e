import { phoneProblem } from './certificate';
import { industryCodeProblem } from './industry';
import { defaultOutfallCodeValidator } from './outfall-code';
import { isSubTypeOf, type OutfallClassification, type OutfallType } from './outfall-types';
import { pollutionSourceCodeProblem } from './pollution-source-code';
import { checkUscc, type UsccCheck } from './uscc';
import { PERMIT_STANDARD } from '../standards/discharge-standards';
import { permitNumberProblem, registrationNumberProblem } from './permit';

/*
 * The rules of a register record's own fields — those that need no other record. The form shows them
 * as the person types and the service enforces them on save: one rule, one place.
 */

/** An enterprise's codes: 统一社会信用代码 (GB 32100), 排污许可证编号, 行业代码 (GB/T 4754), phone. */
export function enterpriseFieldProblems(d: { uscc: string; pollutionSourceCode?: string | null; industryCode?: string | null; contactPhone?: string | null } & DischargeChoice & PermitFields, opts: { maskedAllowed?: boolean } = {}): { errors: Record<string, string>; uscc: UsccCheck } {
  const errors: Record<string, string> = { ...dischargeProblems(d), ...permitProblems(d) };
  const uscc = checkUscc(d.uscc);
  if (!uscc.ok && d.uscc.trim()) errors.uscc = uscc.message;
  if (d.pollutionSourceCode) {
    const p = pollutionSourceCodeProblem(d.pollutionSourceCode, uscc.ok ? uscc.code : undefined);
    if (p) errors.pollutionSourceCode = p;
  }
  if (d.industryCode) {
    const p = industryCodeProblem(d.industryCode);
    if (p) errors.industryCode = p;
  }
  // A masked number (138****5678) is what the form was shown: the service keeps the stored one (issue 18).
  if (d.contactPhone && !(opts.maskedAllowed && d.contactPhone.includes('*'))) {
    const p = phoneProblem(d.contactPhone);
    if (p) errors.contactPhone = p;
  }
  return { errors, uscc };
}

/** An outfall's codes (HJ 1235 排污口编码), its type and sub-type, and its remediation (整治类型 before 进展). */
export function outfallFieldProblems(d: { code?: string | null; localCode?: string | null; codeState?: string | null; type?: string | null; subType?: string | null; remediationState?: string | null; remediationCategory?: string | null } & DischargeChoice & OutfallParty, opts: { maskedAllowed?: boolean; classification?: OutfallClassification } = {}): Record<string, string> {
  const errors: Record<string, string> = { ...dischargeProblems(d), ...partyProblems(d, opts) };
  if (d.type && d.subType && !isSubTypeOf(d.type as OutfallType, d.subType, opts.classification)) errors.subType = `细类“${d.subType}”不属于“${d.type}”`;
  for (const key of ['code', 'localCode'] as const) {
    const code = d[key];
    if (code) {
      const p = defaultOutfallCodeValidator(code);
      if (p) errors[key] = p;
    }
  }
  if (d.remediationState && !d.remediationCategory) errors.remediationCategory = '填写整治进展前，请先选择整治类型（依法取缔、清理合并或规范整治）';
  if (d.codeState === '已掌握' && !d.code && !d.localCode) errors.code = '编码状态为“已掌握”时请填写排污口编码';
  return errors;
}

type DischargeChoice = { dischargeStandard?: string | null; permitLimits?: unknown };

/** 执行标准: limits by the permit need the limits (issue 19: a discharge is judged only against limits someone gave). */
function dischargeProblems(d: DischargeChoice): Record<string, string> {
  if (d.dischargeStandard === PERMIT_STANDARD && !d.permitLimits) return { permitLimits: '选择“按排污许可证限值”时，请填写限值依据和至少一项污染物的限值' };
  return {};
}

type PermitFields = { permitNumber?: string | null; registrationNumber?: string | null; permitValidFrom?: string | null; permitValidTo?: string | null };

/** 排污许可证编号 and 排污登记编号 shapes, and a validity that ends after it starts (issue 19). */
function permitProblems(d: PermitFields): Record<string, string> {
  const errors: Record<string, string> = {};
  const n = d.permitNumber && permitNumberProblem(d.permitNumber);
  if (n) errors.permitNumber = n;
  const r = d.registrationNumber && registrationNumberProblem(d.registrationNumber);
  if (r) errors.registrationNumber = r;
  if (d.permitValidFrom && d.permitValidTo && d.permitValidTo < d.permitValidFrom) errors.permitValidTo = '许可证有效期止不能早于起';
  return errors;
}

type OutfallParty = {
  responsibleKind?: string | null; responsibleName?: string | null; responsibleUscc?: string | null; responsiblePhone?: string | null; enterpriseId?: string | null;
  remediationState?: string | null; remediationDoneAt?: string | null;
};

/** An outfall's 责任主体 and 整治 (issue 19): who it is, its codes, a completion date that agrees with the progress. */
function partyProblems(d: OutfallParty, opts: { maskedAllowed?: boolean }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (d.responsibleKind && d.responsibleKind !== '企业' && !d.responsibleName?.trim()) errors.responsibleName = '请填写责任主体名称（如 某镇人民政府、某村村民委员会）';
  if (d.responsibleKind === '企业' && !d.enterpriseId && !d.responsibleName?.trim()) errors.enterpriseId = '责任主体为企业时，请选择排污单位或填写企业名称';
  if (d.responsibleUscc) {
    const u = checkUscc(d.responsibleUscc);
    if (!u.ok) errors.responsibleUscc = u.message;
  }
  if (d.responsiblePhone && !(opts.maskedAllowed && d.responsiblePhone.includes('*'))) {
    const p = phoneProblem(d.responsiblePhone);
    if (p) errors.responsiblePhone = p;
  }
  // 已销号 without its completion date: a clerk's sheet that says so still goes in (the form asks for both).
  if (d.remediationDoneAt && d.remediationState && d.remediationState !== '已完成' && d.remediationState !== '已销号') errors.remediationState = '已填写实际完成日期，整治进展应为“已完成”或“已销号”';
  return errors;
}
