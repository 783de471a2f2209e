import type { OutfallDraft } from '../../shared/api/outfalls';
import { DomainError, invalidFields, type Warning } from '../../shared/api/result';
import { classificationOf, needsApproval } from '../../shared/domain/outfall-types';
import { readSettings } from '../store/settings';
import { outfallFieldProblems } from '../../shared/domain/register-checks';
import { OUTFALL } from '../store/entities';
import { getEnterprise } from '../store/enterprises';
import { getOutfall, listOutfalls, outfallWithCode } from '../store/outfalls';
import { getWaterBody } from '../store/places';
import { authorOf, namedFields, newId, referenceNote, type ServiceContext } from './context';
import { checkTownVillage, checkWatershed, storedCoordinates } from './location-checks';
import type { Handlers } from './handlers';

/** Domain checks of a whole outfall draft; a duplicate national code is a conflict. */
export function checkDraft(ctx: ServiceContext, d: OutfallDraft, id: string | null) {
  const { db } = ctx.store;
  const errors = outfallFieldProblems(d, { classification: classificationOf(readSettings(db).outfallSubTypes) });
  const warnings: Warning[] = [];
  // A code another outfall holds is refused — unless this one already held it (both came by sync and
  // are listed as 编码重复: each can still be edited, or given its right code).
  if (d.code && !errors.code && outfallWithCode(db, d.code, id) && (id === null || getOutfall(db, id)?.code !== d.code)) {
    errors.code = `排污口编码“${d.code}”已被另一个排污口使用`;
  }
  let watershedId = d.watershedId;
  if (d.waterBodyId) {
    const body = getWaterBody(db, d.waterBodyId);
    if (!body) errors.waterBodyId = '所选受纳水体不存在';
    else if (!watershedId) watershedId = body.watershedId;
    else if (body.watershedId && body.watershedId !== watershedId) errors.watershedId = '受纳水体不属于所选流域';
  }
  if (d.enterpriseId) {
    const e = getEnterprise(db, d.enterpriseId, () => true);
    if (!e || e.deleted) errors.enterpriseId = '所选责任主体（排污单位）不存在';
  }
  if (d.approvalState === '已登记' && needsApproval(d.subType)) {
    warnings.push({ field: 'approvalState', message: `“${d.subType}”应办理审批，而非登记，请核实` });
  }
  checkTownVillage(db, d.townCode, d.villageCode, errors);
  checkWatershed(db, watershedId, errors);
  const coords = storedCoordinates(d.lon, d.lat, d.coordSystem, errors);
  return { errors, warnings, coords, watershedId };
}

function mustGet(ctx: ServiceContext, id: string) {
  const o = getOutfall(ctx.store.db, id);
  if (!o || o.deleted) throw new DomainError('not_found', '未找到该排污口（可能已被删除）');
  return o;
}

function throwIfInvalid(errors: Record<string, string>): void {
  if (!Object.keys(errors).length) return;
  if (Object.keys(errors).length === 1 && errors.code?.includes('已被另一个排污口使用')) throw new DomainError('conflict', errors.code, errors);
  throw invalidFields(errors);
}

export const outfallHandlers = {
  'outfalls.list': (ctx, i) => listOutfalls(ctx.store.db, i, i.sort, i.dir, i.offset, i.limit),
  'outfalls.get': (ctx, { id }) => {
    const o = mustGet(ctx, id);
    return { ...o, reference: referenceNote(ctx, o.townCode, o.townName, '排污口') };
  },
  'outfalls.create': (ctx, draft) => {
    const author = authorOf(ctx);
    const { errors, warnings, coords, watershedId } = checkDraft(ctx, draft, null);
    throwIfInvalid(errors);
    const id = newId();
    const { coordSystem: _s, ...rest } = draft;
    ctx.store.write(OUTFALL, id, { ...rest, watershedId, lon: coords.lon, lat: coords.lat }, author);
    return { outfall: mustGet(ctx, id), warnings };
  },
  'outfalls.update': (ctx, { id, patch }) => {
    const author = authorOf(ctx);
    const current = mustGet(ctx, id);
    const given: Record<string, unknown> = namedFields(patch);
    const draft = { ...current, coordSystem: 'CGCS2000', ...given } as OutfallDraft;
    const { errors, warnings, coords, watershedId } = checkDraft(ctx, draft, id);
    throwIfInvalid(errors);
    const fields: Record<string, unknown> = { ...given, watershedId };
    delete fields.coordSystem;
    if ('lon' in given || 'lat' in given) Object.assign(fields, coords);
    ctx.store.write(OUTFALL, id, fields, author);
    return { outfall: mustGet(ctx, id), warnings };
  },
  'outfalls.remove': (ctx, { id }) => {
    const author = authorOf(ctx);
    mustGet(ctx, id);
    ctx.store.write(OUTFALL, id, { deletedAt: new Date().toISOString() }, author);
    return { id };
  },
} satisfies Partial<Handlers>;
