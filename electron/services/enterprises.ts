import type { EnterpriseDraft } from '../../shared/api/enterprises';
import { DomainError, invalidFields, type Warning } from '../../shared/api/result';
import { enterpriseFieldProblems } from '../../shared/domain/register-checks';
import { checkUscc } from '../../shared/domain/uscc';
import { ENTERPRISE } from '../store/entities';
import { enterprisesWithUscc, getEnterprise, listEnterprises } from '../store/enterprises';
import { listOutfalls } from '../store/outfalls';
import { authorOf, namedFields, newId, referenceNote, type ServiceContext } from './context';
import { checkTownVillage, checkWatershed, storedCoordinates } from './location-checks';
import type { Handlers } from './handlers';
import { isMaskedOf, maskPhone } from '../../shared/auth/mask';
import { seesPersonalInfo } from './personal-info';

const usccMatches = (uscc: string) => { const c = checkUscc(uscc); return c.ok && c.checkMatches; };

/** Domain checks of a whole draft: field errors block the write, warnings do not. */
export function checkDraft(ctx: ServiceContext, d: EnterpriseDraft, id: string | null) {
  const { db } = ctx.store;
  const { errors, uscc } = enterpriseFieldProblems(d);
  const warnings: Warning[] = [];
  if (!d.uscc.trim()) warnings.push({ field: 'uscc', message: '未填写统一社会信用代码（个体户、农村点位等可暂缺），请核实后补录' });
  if (uscc.ok) {
    if (!uscc.checkMatches) warnings.push({ field: 'uscc', message: `统一社会信用代码校验位不符（按 GB 32100 应为“${uscc.expectedCheck}”），已照录，请核对营业执照` });
    const others = enterprisesWithUscc(db, uscc.code).filter((x) => x !== id);
    if (others.length) warnings.push({ field: 'uscc', message: `已有 ${others.length} 家单位使用同一统一社会信用代码，请确认不是重复建档` });
    // Checked loosely (issue 19): a number whose code differs is kept as issued, with a word.
    if (d.permitNumber && !errors.permitNumber && d.permitNumber.slice(0, 18) !== uscc.code) warnings.push({ field: 'permitNumber', message: '排污许可证编号的前18位与本单位统一社会信用代码不一致，已照录，请核对许可证正本' });
  }
  checkTownVillage(db, d.townCode, d.villageCode, errors);
  checkWatershed(db, d.watershedId, errors);
  const coords = storedCoordinates(d.lon, d.lat, d.coordSystem, errors);
  return { errors, warnings, coords, uscc: uscc.ok ? uscc.code : d.uscc };
}

export function toFields(d: EnterpriseDraft, coords: { lon: number | null; lat: number | null }, uscc: string): Record<string, unknown> {
  const { coordSystem: _system, ...rest } = d;
  // Listed under any 环境监管重点单位 category is a 重点单位 (the 双随机 directory's 重点 follows it).
  return { ...rest, uscc, lon: coords.lon, lat: coords.lat, keyUnit: d.keyUnit || (d.keyUnitCategories?.length ?? 0) > 0 };
}

function mustGet(ctx: ServiceContext, id: string) {
  const e = getEnterprise(ctx.store.db, id, usccMatches);
  if (!e || e.deleted) throw new DomainError('not_found', '未找到该排污单位（可能已被删除）');
  return e;
}

export const enterpriseHandlers = {
  'enterprises.list': (ctx, i) => listEnterprises(ctx.store.db, i, i.sort, i.dir, i.offset, i.limit),
  'enterprises.get': (ctx, { id }) => {
    const e = { ...mustGet(ctx, id) };
    e.reference = referenceNote(ctx, e.townCode, e.townName, '排污单位');
    return seesPersonalInfo(ctx) ? e : { ...e, contactPhone: maskPhone(e.contactPhone) };
  },
  'enterprises.create': (ctx, draft) => {
    const author = authorOf(ctx);
    const { errors, warnings, coords, uscc } = checkDraft(ctx, draft, null);
    if (Object.keys(errors).length) throw invalidFields(errors);
    const id = newId();
    ctx.store.write(ENTERPRISE, id, toFields(draft, coords, uscc), author);
    return { enterprise: mustGet(ctx, id), warnings };
  },
  'enterprises.update': (ctx, { id, patch }) => {
    const author = authorOf(ctx);
    const current = mustGet(ctx, id);
    // A form sends back the masked phone it was shown: that is no change.
    if (isMaskedOf(patch.contactPhone, current.contactPhone, maskPhone)) patch = { ...patch, contactPhone: undefined };
    else if (patch.contactPhone?.includes('*')) throw invalidFields({ contactPhone: '联系电话含 *（隐藏的号码）：请填写完整号码，或保持不变' });
    const coordsGiven = patch.lon !== undefined || patch.lat !== undefined;
    const draft = { ...current, coordSystem: 'CGCS2000', ...namedFields(patch) } as EnterpriseDraft;
    const { errors, warnings, coords, uscc } = checkDraft(ctx, draft, id);
    if (Object.keys(errors).length) throw invalidFields(errors);
    const fields = toFields(draft, coordsGiven ? coords : { lon: current.lon, lat: current.lat }, uscc);
    const changed = Object.fromEntries(Object.keys(patch).filter((k) => k !== 'coordSystem').map((k) => [k, fields[k]]));
    ctx.store.write(ENTERPRISE, id, changed, author);
    return { enterprise: mustGet(ctx, id), warnings };
  },
  'enterprises.remove': (ctx, { id }) => {
    const author = authorOf(ctx);
    mustGet(ctx, id);
    const linked = listOutfalls(ctx.store.db, { enterpriseId: id }, 'name', 'asc', 0, 3);
    if (linked.total) {
      throw new DomainError('conflict', `该单位仍是 ${linked.total} 个入河排污口的责任主体（${linked.rows.map((o) => o.name).join('、')}${linked.total > 3 ? '等' : ''}），请先在排污口中更改责任主体`);
    }
    ctx.store.write(ENTERPRISE, id, { deletedAt: new Date().toISOString() }, author);
    return { id };
  },
} satisfies Partial<Handlers>;

