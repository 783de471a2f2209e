import type { AuthStatus } from '../../shared/api/auth';
import type { Result } from '../../shared/api/index';
import { DomainError } from '../../shared/api/result';
import { ROLE_LABELS, type Role } from '../../shared/auth/permissions';
import { hubSlotOf, keyFromRecoveryCode, readSlots } from '../store/key-slots';
import { runProcedure } from './dispatch';
import { keyFromPassword } from './unlock';

/*
 * A protected workspace before anyone opened it (issue 18): nothing of it can be read, so a page may
 * only ask whether it is sealed, sign in, or recover with the code. Signing in opens the key slot with
 * the password (or asks the hub for this device's secret); the host then opens the workspace with the
 * key and the same sign-in runs there, with its own checks, lockout and audit.
 */

const BAD = '用户名或密码不对，或该账号已停用';
const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60_000;

/** What the sign-in page of a sealed workspace shows (the demo names its accounts, with their roles only). */
export function sealedStatus(file: string): AuthStatus {
  const slots = readSlots(file);
  return {
    needsSetup: false, hubJoined: Boolean(slots && hubSlotOf(slots)), noAccounts: false, signedIn: false, locked: false, account: null,
    idleLockMinutes: 10, sealed: true, protected: true, recoveryCode: null,
    // No person's name is kept outside the encrypted database: the page shows it after sign-in.
    demoAccounts: (slots?.demo ?? []).filter((a) => a.role in ROLE_LABELS).map((a) => ({ user: a.user, role: a.role as Role, name: '', password: a.password })),
  };
}

/**
 * Opens the key of a sealed workspace for a page's `auth.signIn` or `auth.recover`. Wrong guesses are
 * counted per account in memory (nothing can be written before the workspace opens): 5 lock it 15 min.
 */
export function sealedGate(file: string) {
  const failures = new Map<string, { count: number; until: number }>();
  return async function unseal(name: string, input: unknown): Promise<Result<Buffer>> {
    const answer = await runProcedure(name, input, async (parsed) => {
      const p = parsed as { user: string; password?: string; code?: string };
      const who = p.user.toLowerCase();
      const seen = failures.get(who);
      if (seen && seen.until > Date.now()) throw new DomainError('locked', `连续输错 ${MAX_FAILURES} 次，账号已锁定至 ${new Date(seen.until).toLocaleTimeString('zh-CN', { hour12: false })}，请稍后再试`);
      const key = name === 'auth.recover' ? await keyFromRecoveryCode(file, p.code!) : await keyFromPassword(file, { user: p.user, password: p.password! });
      if (key) { failures.delete(who); return key; }
      const count = (seen && seen.until === 0 ? seen.count : 0) + 1;
      failures.set(who, { count, until: count >= MAX_FAILURES ? Date.now() + LOCK_MS : 0 });
      console.warn(`[qingshui] sealed workspace: ${name} refused for “${p.user.slice(0, 50)}”`);
      throw new DomainError('unauthenticated', name === 'auth.recover' ? '恢复码不对（或本工作区没有恢复码：已登记到同步中心的电脑由同步中心管理员恢复）' : BAD);
    });
    return answer as Result<Buffer>;
  };
}
