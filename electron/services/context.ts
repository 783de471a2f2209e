import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '../../shared/api/result';
import type { Role } from '../../shared/auth/permissions';
import type { Store } from '../store/store';
import type { Jobs } from './jobs';

/** The account a person signed in with (issue 18): what they may do is its role's. */
export type SignedIn = { account: string; role: Role; towns: string[];
  /** A hub account (a laptop joined to a hub): its changes name it, and the hub judges them by it. */
  hub?: boolean };

/**
 * Who is working in one session (a desktop window, a browser's cookie, a CLI run). `user` is set by
 * signing in with an account; a program on this computer (CLI without an account, tests, the demo)
 * may name a person without one. `locked`: idle lock, only unlocking is allowed.
 */
export type Session = { personId: string | null; user?: SignedIn | null; locked?: boolean; lastActive?: number;
  /** A program on this computer drives a page of its own (print-record's headless browser): acts as the computer's user. */
  program?: true };

/** What every handler gets: the store and who is working. */
export type ServiceContext = {
  store: Store;
  session: Session;
  /** 'system' hosts (CLI, demo) may write without a person; the UI may not. */
  actor: 'user' | 'system';
  /** Long jobs with progress and cancel (absent for scripted hosts that need neither). */
  jobs?: Jobs;
  /**
   * The county's next 文号, asked of the hub this laptop is joined to (issue 21), or null (no hub, not
   * reachable in time): given by the workbench, so the case services need not reach into sync.
   */
  hubDocumentNumber?: (kind: string, prefix: string, year: string, floor: number) => Promise<string | null>;
};

/** The author recorded on a change: the signed-in person, or 'system' for scripted hosts. */
export function authorOf(ctx: ServiceContext): string {
  if (ctx.session.personId) return ctx.session.personId;
  if (ctx.actor === 'system') return 'system';
  throw new DomainError('unauthenticated', '请先登录，再修改记录（每条修改都要记录经办人）');
}

/** The fields a patch actually names (a Node caller may pass `undefined` for "leave as is"). */
export function namedFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A new record id: UUIDv7, born where the record is born. */
export function newId(): string {
  return uuidv7();
}

/** Whether this session is a 镇街工作人员's: what they read and write is held to their towns (issue 18). */
export function townOfficer(ctx: ServiceContext): boolean {
  return ctx.session.user?.role === 'town';
}

/**
 * Why a town officer may only read this record (issue 21): another town's enterprise or outfall that a
 * record of theirs names, on their laptop as a reference; null when it is theirs (or they are no town officer).
 */
export function referenceNote(ctx: ServiceContext, townCode: string | null, townName: string, what: string): string | null {
  const user = ctx.session.user;
  if (user?.role !== 'town' || townCode === null || user.towns.includes(townCode)) return null;
  return `该${what}属于其他镇街（${townName || townCode}），因您负责镇街的记录引用它而可以查看；只读，不能修改`;
}
