import { DomainError, invalidFields } from '../../../shared/api/result';
import { decoyHash, hashPassword, outdated, passwordMatches } from './password';
import { accountCount, accountNamed, insertAccount, noteFailure, notePinUnlock, personNamed, setPinVerifier, setVerifier, upsertHubAccount } from '../../store/accounts';
import { joinedHub, verifyAtHub } from '../sync/index';
import type { HubAccountFacts } from '../sync/index';
import { keyFromRecoveryCode } from '../../store/key-slots';
import { keepSlot } from './key-ring';
import { PERSON } from '../../store/entities';
import { newId, type ServiceContext } from '../context';
import type { Handlers } from '../handlers';
import { accountHandlers } from './accounts';
import { audit } from '../audit';
import { authStatus, endSession, LOCK_MS, MAX_FAILURES, startSession } from './session';

export { procedureRefusal } from './session';
export { hashPassword } from './password';
export { auditHandlers } from './audit-handlers';
export { townGuardedStore } from './town-guard';
export { protectDemo } from './key-ring';

const BAD = '用户名或密码不对，或该账号已停用';

function lockedMessage(until: string): string {
  return `连续输错 ${MAX_FAILURES} 次，账号已锁定至 ${new Date(until).toLocaleTimeString('zh-CN', { hour12: false })}，请稍后再试`;
}

/**
 * Checks an account's password. An unknown account, a wrong password and a disabled account get the
 * same answer after the same work; 5 wrong passwords lock the account for 15 minutes.
 */
async function checkPassword(ctx: ServiceContext, user: string, password: string) {
  const a = accountNamed(ctx.store.db, user);
  if (a?.lockedUntil && a.lockedUntil > new Date().toISOString()) {
    await passwordMatches(password, a.verifier || await decoyHash()); // the same work as any answer: the time tells nothing
    audit(ctx, 'sign_in_failed', { account: user, personId: a.personId, detail: { reason: 'locked' } });
    throw new DomainError('locked', lockedMessage(a.lockedUntil));
  }
  const ok = await passwordMatches(password, a?.verifier ?? await decoyHash());
  if (!a || !ok || a.disabled) {
    if (a && !ok) {
      const lock = a.failures + 1 >= MAX_FAILURES ? new Date(Date.now() + LOCK_MS).toISOString() : null;
      noteFailure(ctx.store.db, a.name, 'password', lock);
      if (lock) { audit(ctx, 'account_locked', { account: a.name, personId: a.personId }); throw new DomainError('locked', lockedMessage(lock)); }
    }
    audit(ctx, 'sign_in_failed', { account: user.slice(0, 50), personId: a?.personId ?? null });
    throw new DomainError('unauthenticated', BAD);
  }
  if (outdated(a.verifier)) setVerifier(ctx.store.db, a.name, await hashPassword(password));
  return a;
}

/**
 * A laptop joined to a hub signs its people in with their hub accounts (issue 18): an account that has
 * signed in here before is checked against the verifier kept here (offline); one new to this laptop,
 * or whose password changed at the hub, is checked at the hub, and its verifier kept.
 */
async function signInAs(ctx: ServiceContext, user: string, password: string) {
  const known = accountNamed(ctx.store.db, user);
  if (!joinedHub(ctx.store) || known?.disabled || known?.source === 'local') return checkPassword(ctx, user, password);
  if (known && known.verifier !== '') {
    try {
      return await checkPassword(ctx, user, password);
    } catch (e) {
      // A password changed at the hub is taken at once when the hub can be asked (else: after the next sync).
      if ((e as DomainError).code !== 'unauthenticated') throw e;
      const facts = await verifyAtHub(ctx.store, user, password).catch(() => null);
      if (!facts) throw e;
      return keepHubAccount(ctx, facts, password);
    }
  }
  const facts = await verifyAtHub(ctx.store, user, password);
  if (!facts) {
    audit(ctx, 'sign_in_failed', { account: user.slice(0, 50), personId: known?.personId ?? null, detail: { at: 'hub' } });
    throw new DomainError('unauthenticated', BAD);
  }
  return keepHubAccount(ctx, facts, password);
}

/** A hub account whose password the hub just confirmed: kept here with its own verifier. */
async function keepHubAccount(ctx: ServiceContext, facts: HubAccountFacts, password: string) {
  const verifier = await hashPassword(password);
  upsertHubAccount(ctx.store.db, {
    name: facts.name, personId: personNamed(ctx.store.db, facts.display) ?? `hub:${facts.name}`, display: facts.display,
    role: facts.role, towns: facts.towns, verifier, hubVersion: facts.passwordVersion, at: new Date().toISOString(),
  });
  return accountNamed(ctx.store.db, facts.name)!;
}

export const authHandlers = {
  'auth.status': (ctx) => authStatus(ctx),
  'auth.setup': async (ctx, { user, personName, password }) => {
    if (accountCount(ctx.store.db) > 0) throw new DomainError('conflict', '本工作区已有账号，不能再创建首个管理员；请由管理员登录后添加账号');
    if (joinedHub(ctx.store)) throw new DomainError('conflict', '本机已登记到同步中心：请用同步中心账号登录');
    const verifier = await hashPassword(password);
    if (accountCount(ctx.store.db) > 0) throw new DomainError('conflict', '本工作区已有账号，不能再创建首个管理员');
    const personId = newId();
    ctx.store.transaction(() => {
      ctx.store.write(PERSON, personId, { name: personName, role: '局机关人员', certificateNo: null, unit: '', post: '系统管理员', townCode: null, phone: '', active: true }, personId);
      insertAccount(ctx.store.db, { name: user, personId, role: 'admin', towns: [], source: 'local', verifier, createdAt: new Date().toISOString() });
    });
    const a = accountNamed(ctx.store.db, user)!;
    const recoveryCode = await keepSlot(ctx.store, user, password, true);
    startSession(ctx, a);
    audit(ctx, 'setup', { entity: 'account', entityId: user });
    if (recoveryCode) audit(ctx, 'protected', { detail: { recovery: 'code' } });
    return { ...authStatus(ctx), recoveryCode };
  },
  'auth.signIn': async (ctx, { user, password }) => {
    const a = await signInAs(ctx, user, password);
    const wasProtected = Boolean(ctx.store.key);
    const recoveryCode = await keepSlot(ctx.store, a.name, password, true);
    startSession(ctx, a);
    audit(ctx, 'sign_in');
    if (!wasProtected && ctx.store.key) audit(ctx, 'protected', { detail: { recovery: recoveryCode ? 'code' : 'hub' } });
    return { ...authStatus(ctx), recoveryCode };
  },
  'auth.signInOpened': (ctx, { user }) => {
    const a = accountNamed(ctx.store.db, user);
    if (!a || a.disabled) throw new DomainError('unauthenticated', BAD);
    if (a.lockedUntil && a.lockedUntil > new Date().toISOString()) throw new DomainError('locked', lockedMessage(a.lockedUntil));
    startSession(ctx, a);
    audit(ctx, 'sign_in', { detail: { with: 'key_slot' } });
    return authStatus(ctx);
  },
  'auth.recover': async (ctx, { code, user, newPassword }) => {
    const key = ctx.store.key ? await keyFromRecoveryCode(ctx.store.file, code) : null;
    if (!key || !key.equals(ctx.store.key!)) {
      audit(ctx, 'sign_in_failed', { account: user.slice(0, 50), detail: { with: 'recovery_code' } });
      throw new DomainError('unauthenticated', '恢复码不对（或本工作区没有恢复码：已登记到同步中心的电脑由同步中心管理员恢复）');
    }
    const a = accountNamed(ctx.store.db, user);
    if (!a || a.disabled) throw invalidFields({ user: `没有可用的账号“${user}”` });
    if (a.source === 'hub') throw invalidFields({ user: '同步中心账号的密码由同步中心管理员重置，再用新密码登录' });
    setVerifier(ctx.store.db, a.name, await hashPassword(newPassword));
    await keepSlot(ctx.store, a.name, newPassword);
    startSession(ctx, accountNamed(ctx.store.db, a.name)!);
    audit(ctx, 'recovered', { entity: 'account', entityId: a.name });
    return authStatus(ctx);
  },
  'auth.signOut': (ctx) => {
    if (ctx.session.user) audit(ctx, 'sign_out');
    endSession(ctx);
    return authStatus(ctx);
  },
  'auth.lock': (ctx) => {
    if (ctx.session.user && !ctx.session.locked) { ctx.session.locked = true; audit(ctx, 'lock'); }
    return authStatus(ctx);
  },
  'auth.touch': (ctx) => ({ locked: Boolean(ctx.session.locked) }),
  'auth.unlock': async (ctx, { pin, password }) => {
    const user = ctx.session.user!;
    if (!ctx.session.locked) return authStatus(ctx);
    const a = accountNamed(ctx.store.db, user.account)!;
    if (password !== undefined) {
      await checkPassword(ctx, a.name, password);
    } else {
      if (!pin) throw invalidFields({ pin: '请输入 PIN' });
      if (!a.pin) throw new DomainError('invalid', '尚未设置 PIN，请输入密码解锁');
      if (a.pinFailures >= MAX_FAILURES) throw new DomainError('locked', `PIN 已连续输错 ${MAX_FAILURES} 次，请输入密码解锁`);
      if (a.lockedUntil && a.lockedUntil > new Date().toISOString()) throw new DomainError('locked', lockedMessage(a.lockedUntil));
      if (!(await passwordMatches(pin, a.pin))) {
        const lock = a.pinFailures + 1 >= MAX_FAILURES ? new Date(Date.now() + LOCK_MS).toISOString() : null;
        noteFailure(ctx.store.db, a.name, 'pin', lock);
        audit(ctx, lock ? 'account_locked' : 'unlock_failed', { detail: { with: 'pin' } });
        throw new DomainError(lock ? 'locked' : 'unauthenticated', lock ? `${lockedMessage(lock)}；之后请输入密码解锁` : `PIN 不对（还可再试 ${MAX_FAILURES - a.pinFailures - 1} 次）`);
      }
      notePinUnlock(ctx.store.db, a.name);
    }
    ctx.session.locked = false;
    ctx.session.lastActive = Date.now();
    audit(ctx, 'unlock', { detail: { with: password !== undefined ? 'password' : 'pin' } });
    return authStatus(ctx);
  },
  'auth.setPin': async (ctx, { pin, password }) => {
    const a = await checkPassword(ctx, ctx.session.user!.account, password);
    setPinVerifier(ctx.store.db, a.name, await hashPassword(pin));
    audit(ctx, 'pin_set');
    return authStatus(ctx);
  },
  'auth.changePassword': async (ctx, { password, newPassword }) => {
    const a = await checkPassword(ctx, ctx.session.user!.account, password);
    if (a.source === 'hub') throw new DomainError('invalid', '同步中心账号的密码请在同步中心修改（下次同步后本机生效）');
    setVerifier(ctx.store.db, a.name, await hashPassword(newPassword));
    await keepSlot(ctx.store, a.name, newPassword);
    audit(ctx, 'password_changed');
    return authStatus(ctx);
  },
  ...accountHandlers,
} satisfies Partial<Handlers>;
