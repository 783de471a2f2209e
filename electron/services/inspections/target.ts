import type { TargetKind } from '../../../shared/checklist/template';
import { DomainError } from '../../../shared/api/result';
import { getEnterprise } from '../../store/enterprises';
import { getOutfall } from '../../store/outfalls';
import { PERMIT_STANDARD } from '../../../shared/standards/discharge-standards';
import type { ServiceContext } from '../context';

/** What an inspection records about its target at the time (a snapshot: the register may change later). */
export type TargetSnapshot = {
  targetId: string | null; targetName: string; targetAddress: string; targetExtra: Record<string, string>;
  townCode: string | null; townName: string; place: string;
  /** Who answers for a problem found here, by default (责任单位 / 责任人). */
  responsibleUnit: string; responsiblePerson: string;
};

/**
 * The discharge limits the target is held to, as the inspection keeps them (issue 19): its 执行标准 and,
 * for limits by its permit, those limits (JSON). An outfall with none of its own takes its responsible
 * enterprise's. Nothing when none is set.
 */
function dischargeOf(t: { dischargeStandard: string | null; permitLimits: unknown }): Record<string, string> {
  if (!t.dischargeStandard) return {};
  return { dischargeStandard: t.dischargeStandard, ...(t.dischargeStandard === PERMIT_STANDARD && t.permitLimits ? { permitLimits: JSON.stringify(t.permitLimits) } : {}) };
}

/** Reads the target of a new inspection from the register (or the site named by the inspector). */
export function targetSnapshot(ctx: ServiceContext, kind: TargetKind, id: string | null, siteName: string, siteAddress: string): TargetSnapshot {
  const { db } = ctx.store;
  if (kind === 'enterprise') {
    const e = id ? getEnterprise(db, id, () => true) : undefined;
    if (!e || e.deleted) throw new DomainError('not_found', '未找到被检查的排污单位');
    return {
      targetId: e.id, targetName: e.name, targetAddress: e.address, townCode: e.townCode, townName: e.townName, place: e.address,
      targetExtra: { uscc: e.uscc, legalRepresentative: e.legalRepresentative, contactName: e.contactName, contactPhone: e.contactPhone, ...dischargeOf(e) },
      responsibleUnit: e.name, responsiblePerson: e.legalRepresentative || e.contactName,
    };
  }
  if (kind === 'outfall') {
    const o = id ? getOutfall(db, id) : undefined;
    if (!o || o.deleted) throw new DomainError('not_found', '未找到被检查的入河排污口');
    return {
      targetId: o.id, targetName: o.name, targetAddress: [o.townName, o.villageName, o.waterBodyName].filter(Boolean).join(' '),
      townCode: o.townCode, townName: o.townName, place: [o.townName, o.villageName].filter(Boolean).join(''),
      targetExtra: { code: o.code ?? '', type: o.type, subType: o.subType, waterBody: o.waterBodyName ?? '', responsibleParty: o.enterpriseName ?? o.responsibleName ?? '', ...dischargeOf(o.dischargeStandard ? o : (o.enterpriseId && getEnterprise(db, o.enterpriseId, () => true)) || o) },
      responsibleUnit: o.enterpriseName ?? (o.responsibleName || `${o.townName}人民政府`), responsiblePerson: o.responsibleContact,
    };
  }
  if (!siteName.trim()) throw new DomainError('invalid', '请填写被检查场所的名称', { siteName: '请填写被检查场所的名称' });
  return {
    targetId: null, targetName: siteName.trim(), targetAddress: siteAddress.trim(), targetExtra: {}, townCode: null, townName: '',
    place: siteAddress.trim(), responsibleUnit: siteName.trim(), responsiblePerson: '',
  };
}
