import type { PersonDraft } from '../../shared/api/people';
import { DomainError, invalidFields } from '../../shared/api/result';
import { certificateProblem, phoneProblem } from '../../shared/domain/certificate';
import { PERSON } from '../store/entities';
import { getPerson, listPeople, peopleWithCertificate } from '../store/people';
import { getRegion } from '../store/places';
import { authorOf, namedFields, newId, type ServiceContext } from './context';
import type { Handlers } from './handlers';
import { isMaskedOf, maskPhone } from '../../shared/auth/mask';
import { seesPersonalInfo } from './personal-info';

function checkDraft(ctx: ServiceContext, d: PersonDraft, id: string | null): void {
  const errors: Record<string, string> = {};
  if (d.role === '执法人员' && !d.certificateNo) errors.certificateNo = '执法人员须填写执法证号';
  if (d.certificateNo) {
    const p = certificateProblem(d.certificateNo);
    if (p) errors.certificateNo = p;
    else if (peopleWithCertificate(ctx.store.db, d.certificateNo).some((x) => x !== id)) errors.certificateNo = `执法证号“${d.certificateNo}”已属于另一名人员`;
  }
  if (d.phone) {
    const p = phoneProblem(d.phone);
    if (p) errors.phone = p;
  }
  if (d.townCode && getRegion(ctx.store.db, d.townCode)?.level !== 'town') errors.townCode = '所属镇街不在本县区划目录中';
  if (d.role === '镇街工作人员' && !d.townCode) errors.townCode = '镇街工作人员须选择所属镇街';
  if (Object.keys(errors).length) throw invalidFields(errors);
}

function mustGet(ctx: ServiceContext, id: string) {
  const p = getPerson(ctx.store.db, id);
  if (!p) throw new DomainError('not_found', '未找到该人员');
  return p;
}

export const peopleHandlers = {
  'people.list': (ctx, { role, includeInactive }) => {
    const people = listPeople(ctx.store.db, role, includeInactive);
    return seesPersonalInfo(ctx) ? people : people.map((p) => ({ ...p, phone: maskPhone(p.phone) }));
  },
  'people.create': (ctx, draft) => {
    // The first person of an empty workspace enters themselves, and is signed in as its author.
    const first = !ctx.session.personId && listPeople(ctx.store.db, undefined, true).length === 0;
    const id = newId();
    const author = first ? id : authorOf(ctx);
    checkDraft(ctx, draft, null);
    ctx.store.write(PERSON, id, draft, author);
    if (first) ctx.session.personId = id;
    return mustGet(ctx, id);
  },
  'people.update': (ctx, { id, patch }) => {
    const author = authorOf(ctx);
    const current = mustGet(ctx, id);
    const given = namedFields(patch);
    if (isMaskedOf(given.phone, current.phone, maskPhone)) delete given.phone;
    if (given.active === false && id === ctx.session.personId) throw invalidFields({ active: '不能停用当前工作人员本人，请先切换为其他人员' });
    checkDraft(ctx, { ...current, ...given } as PersonDraft, id);
    ctx.store.write(PERSON, id, given, author);
    return mustGet(ctx, id);
  },
} satisfies Partial<Handlers>;
