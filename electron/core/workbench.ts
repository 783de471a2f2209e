import { EventEmitter } from 'node:events';
import { chmodSync, mkdirSync, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { PROCEDURE_ACTIONS } from '../../shared/api/actions';
import { HOST_ONLY_PROCEDURES, isProcedureName, type Input, type Output, type ProcedureName, type Result } from '../../shared/api/index';
import { DomainError } from '../../shared/api/result';
import type { ServiceContext, Session } from '../services/context';
import { procedureRefusal, townGuardedStore } from '../services/auth/index';
import { seedBuiltinTemplates } from '../services/checklists/index';
import { refreshUnfoldedCases } from '../services/cases';
import { createJobs } from '../services/jobs';
import { handlers } from '../services/index';
import { hubDocumentNumber } from '../services/sync/index';
import { openStore, type Store } from '../store/store';
import { keysFileOf } from '../store/key-slots';
import { isProtected } from '../store/protection';
import { namesHiddenRecord, openTownReader } from '../store/town-scope';
import { dispatch } from './dispatch';

export type { Session } from '../services/context';

export const WORKSPACE_FILE = 'workspace.qingshui';

/** Progress and change notices pushed to every window (DESIGN §3). */
export type WorkbenchEvent = { type: 'changed'; entity: string } | { type: 'workspace' } | { type: 'progress'; job: string; done: number; total: number; phase: string };

export type Workbench = {
  /**
   * A page's call (IPC, the browser host): the contract's procedures but the host-only ones, in the
   * page's session (a browser's cookie; the window's own when none is given), signed in and within
   * its account's role (issue 18).
   */
  dispatch(name: string, input: unknown, session?: Session): Promise<Result<unknown>>;
  /** Why a page's session may not call `name` now (signed in, not locked, its role allows), or null. */
  refusal(name: string, session?: Session): Result<never> | null;
  /** Typed call for Node callers (CLI, core, tests), host-only procedures included; throws the error's message on failure. */
  call<K extends ProcedureName>(name: K, input: Input<K>): Promise<Output<K>>;
  events: EventEmitter<{ event: [WorkbenchEvent] }>;
  store: Store;
  /**
   * The connection a session reads through: a town officer's sees only their towns' records (issue 18),
   * everyone else's is the store's own. Files served beside the procedures (photos) are judged with it.
   */
  readerOf(session?: Session): Database;
  /** The service context (for Node callers that run a service directly, e.g. a sync with options). */
  ctx: ServiceContext;
  dataDir: string;
  close(): void;
};

/** `key`: the workspace key of a protected workspace (issue 18), from one of its key slots (core/unlock.ts). */
export type WorkbenchOptions = { dataDir: string; actor?: 'user' | 'system'; create?: boolean; key?: Buffer | null };

/** The path of the workspace database in a data folder. */
export function workspaceFile(dataDir: string): string {
  return join(resolve(dataDir), WORKSPACE_FILE);
}

/** Opens the workspace in `dataDir` (creating it when allowed) and returns the one entry to it. */
export function createWorkbench({ dataDir, actor = 'user', create = true, key = null }: WorkbenchOptions): Workbench {
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) throw new DomainError('invalid', `“${dataDir}”不是文件夹`);
  if (!existsSync(dataDir)) {
    if (!create) throw new DomainError('not_found', `数据文件夹“${dataDir}”不存在`);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  }
  const file = workspaceFile(dataDir);
  if (!key && isProtected(file)) throw new DomainError('unauthenticated', `工作区“${file}”已加密：须用账号密码（或恢复码）解锁后打开`);
  const store = openStore(file, { create, key });
  keepPrivate(dataDir, store.file);
  seedBuiltinTemplates(store);
  const events = new EventEmitter<{ event: [WorkbenchEvent] }>();
  const ctx: ServiceContext = { store, session: { personId: null }, actor, jobs: createJobs((e) => events.emit('event', e)),
    hubDocumentNumber: (kind, prefix, year, floor) => hubDocumentNumber(store, kind, prefix, year, floor) };
  // Cases folded before their statutory clocks existed are folded once (issue 19, migration 0210).
  refreshUnfoldedCases(ctx);
  // A town officer's reads see their towns only: one reading connection per set of towns (issue 18).
  const readers = new Map<string, Database>();
  const townReader = (towns: string[]): Database => {
    const key = [...towns].sort().join(',');
    let db = readers.get(key);
    if (!db) {
      if (readers.size >= 8) closeReaders();
      readers.set(key, (db = openTownReader(store.file, store.key, towns)));
    }
    return db;
  };
  const closeReaders = () => {
    for (const [k, db] of readers) {
      try { db.close(); readers.delete(k); } catch { /* busy with an export's rows: closed when the key next changes */ }
    }
  };
  const inSession = (session?: Session, name?: string): ServiceContext => {
    const c = session && session !== ctx.session ? { ...ctx, session } : ctx;
    const user = c.session.user;
    // Signing in, PINs and passwords work on the store itself (protection sets its key there).
    if (name?.startsWith('auth.')) return c;
    // A change made under a hub account names it: the hub judges it by that account (issue 18).
    const own = user?.hub ? accountStore(store, user.account) : store;
    if (user?.role !== 'town') return own === store ? c : { ...c, store: own };
    // A town officer's writes are held to their towns, whatever service makes them; what they read
    // (lists, pages, maps, dashboards, ledgers) is read through a connection that sees their towns only.
    const guarded = townGuardedStore(own, user.towns);
    const action = name && isProcedureName(name) ? PROCEDURE_ACTIONS[name] : null;
    // Integrity checks read the whole workspace (a filtered chain would read as broken); they show no record.
    if ((action !== 'read' && action !== 'ledgers') || name === 'workspace.verify' || name === 'plans.verify') return { ...c, store: guarded };
    const reader = townReader(user.towns);
    return { ...c, store: { ...guarded, db: reader, transaction: (fn) => reader.transaction(fn)() } };
  };
  const refusal = (name: string, fromPage: boolean, session?: Session): Result<never> | null => {
    if (!isProcedureName(name)) return null;
    // A workbench a program opened for itself ('system': the CLI, tests) answers calls in its own session
    // as that program; a page always calls in a session of its own (a window's, a browser's cookie).
    const e = procedureRefusal(inSession(session), name, fromPage && !(actor === 'system' && !session));
    return e ? { ok: false, error: { code: e.code, message: e.message } } : null;
  };
  const run = async (name: string, input: unknown, fromPage: boolean, session?: Session) => {
    const refused = refusal(name, fromPage, session);
    if (refused) return refused;
    // Signing in may encrypt the workspace in place (issue 18), which no other open connection may see.
    if (name === 'auth.signIn' || name === 'auth.setup' || name === 'auth.recover') closeReaders();
    const c = inSession(session, name);
    // A town officer's call naming another town's record is answered as if there were none (no service
    // looks it up and says what it is).
    if (c.session.user?.role === 'town' && c.store.db === store.db && isProcedureName(name) && namesHiddenRecord(townReader(c.session.user.towns), store.db, name, input)) {
      return { ok: false, error: { code: 'not_found', message: '未找到该记录（或不在您负责的镇街内）' } } as Result<unknown>;
    }
    const before = store.writeCount();
    const keyBefore = store.key;
    const result = await dispatch(handlers, c, name, input);
    if (store.key !== keyBefore) closeReaders();
    if (result.ok && store.writeCount() > before) events.emit('event', { type: 'changed', entity: name.split('.')[0] });
    return result;
  };
  return {
    // What a page asks for (IPC, the browser host): never a host-only procedure.
    dispatch: (name, input, session) => (HOST_ONLY_PROCEDURES.has(name)
      ? Promise.resolve({ ok: false, error: { code: 'forbidden', message: `“${name}”只能由本机程序（命令行）执行，页面不能调用` } })
      : run(name, input, true, session)),
    refusal: (name, session) => refusal(name, true, session),
    async call(name, input) {
      const r = await run(name, input, false);
      if (!r.ok) throw new DomainError(r.error.code, r.error.message, r.error.details?.fields);
      return r.value as never;
    },
    readerOf: (session) => {
      const user = (session ?? ctx.session).user;
      return user?.role === 'town' ? townReader(user.towns) : store.db;
    },
    events, store, ctx, dataDir: resolve(dataDir),
    close: () => { closeReaders(); store.close(); },
  };
}

/** The store as a hub account writes through it: each change names the account. */
function accountStore(store: Store, account: string): Store {
  return { ...store, write: (spec, id, fields, author, opts) => store.write(spec, id, fields, author, { ...opts, account }) };
}

/**
 * A workspace holds complainants, enforcement records and the device's key: its folder and files are
 * readable by their owner only (0700 / 0600), also when an older version made them readable to all.
 */
function keepPrivate(dataDir: string, file: string): void {
  try {
    chmodSync(dataDir, 0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`, keysFileOf(file)]) if (existsSync(f)) chmodSync(f, 0o600);
  } catch { /* a folder of another owner (read-only use): left as it is */ }
}
