import { maskIdNumber, maskName, maskPhone } from '../../shared/auth/mask';
import { may } from '../../shared/auth/permissions';
import { readSettings } from '../store/settings';
import type { ServiceContext } from './context';

/**
 * Whether this session sees phone and ID numbers in full (issue 18; 个人信息保护法 第五十一条): a role the
 * permission table allows ('personal'), or a program on this computer without an account. Everyone else
 * sees them masked; a reveal is logged (audit.reveal).
 */
export function seesPersonalInfo(ctx: ServiceContext): boolean {
  const user = ctx.session.user;
  return user ? may(user.role, 'personal') : true;
}

/** Whether the signed-in person may see complainants (granted by an administrator in settings), or a program on this computer. */
export function canSeeComplainants(ctx: ServiceContext): boolean {
  return ctx.actor === 'system' || (ctx.session.personId !== null && readSettings(ctx.store.db).complainantViewers.includes(ctx.session.personId));
}

/**
 * A field's value as this session may see it, wherever a record's raw fields are shown (修改记录,
 * sync conflicts): phones masked, a complainant's name and phone masked unless granted, the person
 * present at an inspection with their ID number and phone masked.
 */
export function fieldAsSeen(ctx: ServiceContext, field: string, value: unknown): unknown {
  if ((field === 'complainantName' || field === 'complainantPhone') && !canSeeComplainants(ctx) && typeof value === 'string') {
    return field === 'complainantName' ? maskName(value) : maskPhone(value);
  }
  if (seesPersonalInfo(ctx)) return value;
  if (/phone/i.test(field) && typeof value === 'string') return maskPhone(value);
  if (field === 'present' && value && typeof value === 'object') {
    const p = value as Record<string, unknown>;
    return { ...p, idNumber: typeof p.idNumber === 'string' ? maskIdNumber(p.idNumber) : p.idNumber, phone: typeof p.phone === 'string' ? maskPhone(p.phone) : p.phone };
  }
  if (field === 'targetExtra' && value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fieldAsSeen(ctx, k, v)]));
  }
  return value;
}
