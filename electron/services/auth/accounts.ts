import { DomainError, invalidFields } from '../../../shared/api/result';
import { hashPassword } from './password';
import { ROLE_LABELS, type Role } from '../../../shared/auth/permissions';
import { accountNamed, allAccounts, insertAccount, setAccountDisabled, setAccountRole, setVerifier } from '../../store/accounts';
import { getPerson } from '../../store/people';
import { getRegion } from '../../store/places';
import type { ServiceContext } from '../context';
import type { Handlers } from '../handlers';
import { audit } from '../audit';
import { accountView } from './session';
import { keepSlot } from './key-ring';
import { dropStaleSlots } from '../../store/account-slots';

/** The person role an account's role asks for (an inspector holds an 执法证; admin: any). */
const PERSON_ROLE: Partial<Record<Role, string>> = { inspector: '执法人员', town: '镇街工作人员', bureau: '局机关人员' };

function checkRole(ctx: ServiceContext, personId: string, role: Role, towns: string[]): string[] {
  const person = getPerson(ctx.store.db, personId);
  if (!person || !person.active) throw invalidFields({ personId: '未找到该人员，或该人员已停用' });
  const want = PERSON_ROLE[role];
  if (want && person.role !== want) throw invalidFields({ role: `${ROLE_LABELS[role]}账号须对应人员名录中的“${want}”，${person.name}是“${person.role}”` });
  if (role !== 'town') return [];
  const list = towns.length ? towns : person.townCode ? [person.townCode] : [];
  if (!list.length) throw invalidFields({ towns: '镇街工作人员须指定负责的镇街' });
  for (const t of list) if (getRegion(ctx.store.db, t)?.level !== 'town') throw invalidFields({ towns: `镇街代码 ${t} 不在本县区划目录中` });
  return list;
}

function mustAccount(ctx: ServiceContext, name: string) {
  const a = accountNamed(ctx.store.db, name);
  if (!a) throw new DomainError('not_found', `没有账号“${name}”`);
  return a;
}

/** Accounts, managed by an administrator (the permission table's 'accounts'). */
export const accountHandlers = {
  'auth.accounts': (ctx) => allAccounts(ctx.store.db).map(accountView),
  'auth.createAccount': async (ctx, { user, personId, role, towns, password }) => {
    if (accountNamed(ctx.store.db, user)) throw invalidFields({ user: `账号“${user}”已存在` });
    const areas = checkRole(ctx, personId, role, towns);
    const verifier = await hashPassword(password);
    insertAccount(ctx.store.db, { name: user, personId, role, towns: areas, source: 'local', verifier, createdAt: new Date().toISOString() });
    await keepSlot(ctx.store, user, password);
    audit(ctx, 'account_created', { entity: 'account', entityId: user, detail: { role, towns: areas, personId } });
    return accountView(mustAccount(ctx, user));
  },
  'auth.updateAccount': (ctx, { user, role, towns, disabled }) => {
    const a = mustAccount(ctx, user);
    if (a.source === 'hub' && (role !== undefined || towns !== undefined)) throw new DomainError('invalid', '同步中心账号的角色和镇街在同步中心修改（下次同步后本机生效）');
    if (user === ctx.session.user?.account && (disabled === true || (role !== undefined && role !== 'admin'))) {
      throw new DomainError('invalid', '不能停用本人账号或撤销本人的管理员角色，请由另一名管理员办理');
    }
    if (role !== undefined || towns !== undefined) {
      const next = role ?? a.role;
      const areas = checkRole(ctx, a.personId, next, towns ?? a.towns);
      setAccountRole(ctx.store.db, user, next, areas);
      audit(ctx, 'account_changed', { entity: 'account', entityId: user, detail: { from: { role: a.role, towns: a.towns }, to: { role: next, towns: areas } } });
    }
    if (disabled !== undefined && disabled !== a.disabled) {
      setAccountDisabled(ctx.store.db, user, disabled);
      if (disabled) dropStaleSlots(ctx.store); // a disabled account no longer opens this laptop
      audit(ctx, 'account_changed', { entity: 'account', entityId: user, detail: { disabled } });
    }
    return accountView(mustAccount(ctx, user));
  },
  'auth.resetPassword': async (ctx, { user, password }) => {
    const a = mustAccount(ctx, user);
    if (a.source === 'hub') throw new DomainError('invalid', '同步中心账号的密码在同步中心重置（下次同步后本机生效）');
    setVerifier(ctx.store.db, user, await hashPassword(password));
    await keepSlot(ctx.store, user, password);
    audit(ctx, 'password_reset', { entity: 'account', entityId: user });
    return accountView(mustAccount(ctx, user));
  },
} satisfies Partial<Handlers>;
