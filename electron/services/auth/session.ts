import type { AuthStatus } from '../../../shared/api/auth';
import { DomainError } from '../../../shared/api/result';
import { PROCEDURE_ACTIONS } from '../../../shared/api/actions';
import { permissionRefusal } from '../../../shared/auth/permissions';
import { accountCount, accountNamed, noteSignIn, type AccountRow } from '../../store/accounts';
import { demoAccountsOf } from '../../store/demo-accounts';
import { readSettings } from '../../store/settings';
import type { ServiceContext } from '../context';
import { joinedHub } from '../sync/index';
import { audit } from '../audit';

/** 5 wrong passwords (or PINs) lock the account for 15 minutes (等保 2.0 8.1.4.1 b 登录失败处理; issue 18). */
export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

/** An account as the contract shows it (no verifiers). */
export function accountView(a: AccountRow) {
  return { name: a.name, personId: a.personId, personName: a.personName, role: a.role, towns: a.towns, source: a.source, disabled: a.disabled, hasPin: a.pin !== null, lockedUntil: a.lockedUntil, createdAt: a.createdAt, lastSignIn: a.lastSignIn };
}

/** The shortest idle limit settings allow (idleLockMinutes ≥ 1). */
const MIN_IDLE_MS = 60_000;

/** The session's idle limit in ms (settings: 锁屏时间, default 10 minutes). */
function idleMs(ctx: ServiceContext): number {
  return readSettings(ctx.store.db).idleLockMinutes * 60_000;
}

/** Whether the session has been idle past the limit: it is locked now (and the lock logged once). */
export function lockIfIdle(ctx: ServiceContext, now = Date.now()): void {
  const s = ctx.session;
  if (!s.user || s.locked || s.lastActive === undefined) return;
  // Every call passes here: the settings are read only once the session has been idle past the shortest limit (1 minute).
  const idle = now - s.lastActive;
  if (idle > MIN_IDLE_MS && idle > idleMs(ctx)) {
    s.locked = true;
    audit(ctx, 'session_expired');
  }
}

/**
 * What a page may do on a laptop nobody has an account on yet: join the hub — once, while it has none
 * (joining another hub later is an administrator's: a hub's accounts sign in here) — and sync. No record is read.
 */
const JOIN_BEFORE_SIGN_IN: ReadonlySet<string> = new Set(['sync.status', 'sync.enroll', 'sync.run', 'jobs.cancel']);

/** How a program's own page is shown signed in (print-record). */
const PROGRAM = { name: 'program', personId: '', personName: '本机程序', role: 'admin' as const, towns: [], source: 'local' as const, disabled: false, hasPin: false, lockedUntil: null, createdAt: '', lastSignIn: null };

/** What the sign-in page and the shell need to know. */
export function authStatus(ctx: ServiceContext): AuthStatus {
  lockIfIdle(ctx);
  const s = ctx.session;
  const a = s.user ? accountNamed(ctx.store.db, s.user.account) : undefined;
  const sealing = { sealed: false, protected: Boolean(ctx.store.key), recoveryCode: null };
  if (s.program) return { needsSetup: false, hubJoined: false, noAccounts: false, signedIn: true, locked: false, idleLockMinutes: 60, demoAccounts: [], account: PROGRAM, ...sealing };
  const noAccounts = accountCount(ctx.store.db) === 0;
  const hubJoined = joinedHub(ctx.store);
  return {
    needsSetup: noAccounts && !hubJoined, hubJoined, noAccounts, signedIn: Boolean(a), locked: Boolean(a && s.locked), account: a ? accountView(a) : null,
    idleLockMinutes: readSettings(ctx.store.db).idleLockMinutes, demoAccounts: demoAccountsOf(ctx.store.db), ...sealing,
  };
}

/** Starts a session for an account whose secret was just checked. */
export function startSession(ctx: ServiceContext, a: AccountRow): void {
  noteSignIn(ctx.store.db, a.name, new Date().toISOString());
  ctx.session.user = { account: a.name, role: a.role, towns: a.towns, hub: a.source === 'hub' };
  ctx.session.personId = a.personId;
  ctx.session.locked = false;
  ctx.session.lastActive = Date.now();
}

/** Ends the session (退出). */
export function endSession(ctx: ServiceContext): void {
  ctx.session.user = null;
  ctx.session.personId = null;
  ctx.session.locked = false;
}

/**
 * Why a procedure may not run in this session, or null (DESIGN §11: enforced behind the contract,
 * whatever the page shows). A page must be signed in; a program on this computer (the CLI without
 * an account, the demo, tests) acts as the computer's own user unless it signed in with an account.
 * A signed-in session is judged by its account's role as the laptop holds it now (disabled: ended).
 */
export function procedureRefusal(ctx: ServiceContext, name: keyof typeof PROCEDURE_ACTIONS, fromPage: boolean): DomainError | null {
  const action = PROCEDURE_ACTIONS[name];
  if (action === 'public') return null;
  const s = ctx.session;
  if (s.program) return null;
  if (!s.user) {
    if (action === 'session' && name.startsWith('auth.')) return new DomainError('unauthenticated', '请先登录');
    // A new laptop joins its hub before anyone can sign in there (their accounts are the hub's).
    if (fromPage && JOIN_BEFORE_SIGN_IN.has(name) && accountCount(ctx.store.db) === 0 && (name !== 'sync.enroll' || !joinedHub(ctx.store))) return null;
    // A program on this computer (the CLI, the demo, tests) acts as the computer's user, or as the person
    // it named (workspace.signIn is host-only: no page can reach such a session).
    if (!fromPage || s.personId) return null;
    return new DomainError('unauthenticated', '请先登录');
  }
  const a = accountNamed(ctx.store.db, s.user.account);
  if (!a || a.disabled) { endSession(ctx); return new DomainError('unauthenticated', '该账号已停用或已删除，请重新登录'); }
  s.user = { account: a.name, role: a.role, towns: a.towns, hub: a.source === 'hub' };
  lockIfIdle(ctx);
  if (s.locked && !['auth.unlock', 'auth.signOut', 'auth.status', 'auth.touch'].includes(name)) return new DomainError('locked', '已锁定：请输入 PIN 或密码解锁');
  if (!s.locked) s.lastActive = Date.now();
  const refusal = permissionRefusal(a.role, action);
  if (refusal) {
    audit(ctx, 'refused', { detail: { procedure: name } });
    return new DomainError('forbidden', refusal);
  }
  return null;
}
