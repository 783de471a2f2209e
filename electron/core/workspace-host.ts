import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Result } from '../../shared/api/index';
import { DomainError } from '../../shared/api/result';
import type { WorkspaceEntry } from '../../shared/api/workspaces';
import type { Settings } from '../../shared/api/workspace';
import { assertOpenable, makeSingleFile, summariseWorkspaceFile } from '../store/workspace-file';
import { runProcedure } from './dispatch';
import type { Session } from '../services/context';
import { createWorkbench, workspaceFile, type Workbench, type WorkbenchEvent } from './workbench';
import { isProtected } from '../store/protection';
import { sealedGate, sealedStatus } from './sealed-workspace';
import { backupToRestore, dailyBackup, listBackups, makeBackup, putBackupInPlace } from './backups';
import { stagedUpload, sweepUploads } from '../services/uploads';

/** What a host (browser or desktop) talks to: the active workbench, swappable for another workspace. */
export type WorkspaceHost = {
  /** A page's call, in its session (see Workbench.dispatch). */
  dispatch(name: string, input: unknown, session?: Session): Promise<Result<unknown>>;
  /** Why a page's session may not call `name` now (see Workbench.refusal); a sealed workspace: 请先登录. */
  refusal(name: string, session?: Session): Result<never> | null;
  events: EventEmitter<{ event: [WorkbenchEvent] }>;
  /** The open workbench (only after `refusal` said yes: a sealed workspace has none). */
  current(): Workbench;
  close(): void;
};

/** How the host was started: an open workbench, or the data folder of a protected workspace not opened yet. */
export type HostStart = Workbench | { sealed: string; onOpen?: (wb: Workbench) => Promise<void> };

const SIGN_IN_FIRST: Result<never> = { ok: false, error: { code: 'unauthenticated', message: '请先登录' } };

const ARCHIVE = 'workspaces';

function describe(file: string, active: boolean, key: Buffer | null = null): WorkspaceEntry {
  const entry = { file: active ? basename(file) : `${ARCHIVE}/${basename(file)}`, bureauName: '', countyName: '', enterprises: 0, modifiedAt: statSync(file).mtime.toISOString(), active };
  if (!key && isProtected(file)) return { ...entry, bureauName: '（已加密：打开后登录可见）' };
  try {
    return { ...entry, ...summariseWorkspaceFile(file, key) };
  } catch {
    return { ...entry, bureauName: '（无法读取）' };
  }
}

/** Moves a closed database file (and any WAL/SHM and blob folder beside it) to a new name. */
function moveDatabase(from: string, to: string): void {
  renameSync(from, to);
  for (const ext of ['-wal', '-shm', '.blobs', '.keys']) if (existsSync(from + ext)) renameSync(from + ext, to + ext);
}

/**
 * Owns the active workbench of a data folder. `workspaces.createEmpty` puts the active workspace
 * aside under workspaces/ and starts an empty one; `workspaces.open` swaps one back. Nothing is
 * ever deleted, and a failed swap puts everything back where it was.
 */
export function createWorkspaceHost(first: HostStart): WorkspaceHost {
  const sealedAtStart = 'sealed' in first ? first : null;
  let wb: Workbench | null = sealedAtStart ? null : first as Workbench;
  const dataDir = resolve(sealedAtStart ? sealedAtStart.sealed : (first as Workbench).dataDir);
  const active = workspaceFile(dataDir);
  const archive = join(dataDir, ARCHIVE);
  const events = new EventEmitter<{ event: [WorkbenchEvent] }>();
  const forward = (e: WorkbenchEvent) => events.emit('event', e);
  wb?.events.on('event', forward);
  /** The active workspace opened by the user (a protected one stays sealed until someone signs in). */
  const openActive = (): Workbench | null => (isProtected(active) ? null : createWorkbench({ dataDir, actor: 'user', create: false }));

  // A sealed workspace is opened by the first right password (or the recovery code), once.
  let unseal = sealedGate(active);
  let opening: Promise<Result<unknown>> | null = null;
  const openSealed = async (name: string, input: unknown, session?: Session): Promise<Result<unknown>> => {
    const key = await unseal(name, input);
    if (!key.ok) return key;
    if (!wb) {
      wb = createWorkbench({ dataDir, actor: 'user', create: false, key: key.value });
      wb.events.on('event', forward);
      await sealedAtStart?.onOpen?.(wb);
    }
    return wb.dispatch(name, input, session);
  };

  /** Puts the active workspace aside, lets `prepare` put another in its place (returning how to undo that), opens it. */
  let swapping: Promise<void> | null = null;
  const swap = (prepare: () => Promise<() => void>) => {
    // Calls arriving while the workspace is swapped wait for it (the old workbench is closed meanwhile).
    swapping = swapInPlace(prepare).finally(() => { swapping = null; });
    return swapping;
  };
  let running = 0;
  const swapInPlace = async (prepare: () => Promise<() => void>) => {
    // Calls already running on the workbench (an export, a sync) finish before it is closed.
    while (running > 0) await new Promise((r) => setTimeout(r, 20));
    mkdirSync(archive, { recursive: true });
    const aside = join(archive, `${new Date().toISOString().replace(/[:.]/g, '-')}.qingshui`);
    const key = wb!.store.key;
    wb!.events.off('event', forward);
    wb!.close();
    wb = null;
    makeSingleFile(active, key); // set aside as one self-contained file: no -wal/-shm beside it
    moveDatabase(active, aside);
    let undo: (() => void) | null = null;
    try {
      undo = await prepare();
      wb = openActive();
    } catch (e) {
      try { undo?.(); } finally {
        moveDatabase(aside, active);
        wb = createWorkbench({ dataDir, actor: 'user', create: false, key });
      }
      throw e;
    } finally {
      wb?.events.on('event', forward);
      unseal = sealedGate(active);
    }
    events.emit('event', { type: 'workspace' });
  };

  // One backup a day while the workspace is open (settings: backupKeepDays): first five minutes after the
  // start (not in the way of opening), then checked hourly; a failure is logged, never the page's.
  const daily = () => {
    try { if (wb) sweepUploads(wb.store.file); } catch { /* next hour */ }
    try { if (wb && !swapping) dailyBackup(wb, dataDir); } catch (e) { console.error(`[qingshui] 自动备份失败：${(e as Error).message}`); }
  };
  const firstDaily = setTimeout(daily, 5 * 60_000);
  const dailyTimer = setInterval(daily, 3600_000);
  firstDaily.unref(); dailyTimer.unref();

  const hostHandlers: Record<string, (input: never) => unknown> = {
    'workspaces.list': () => [
      describe(active, true, wb?.store.key),
      ...(existsSync(archive) ? readdirSync(archive).filter((f) => f.endsWith('.qingshui')).sort().reverse().map((f) => describe(join(archive, f), false)) : []),
    ],
    'workspaces.createEmpty': async (s: Pick<Settings, 'bureauName' | 'countyCode' | 'countyName'>) => {
      await swap(async () => {
        const removeNew = () => { for (const ext of ['', '-wal', '-shm']) rmSync(active + ext, { force: true }); };
        try {
          const fresh = createWorkbench({ dataDir, actor: 'system' });
          try { await fresh.call('workspace.init', s); } finally { fresh.close(); }
        } catch (e) { removeNew(); throw e; }
        return removeNew;
      });
      return describe(active, true, wb?.store.key);
    },
    'workspaces.backups': () => listBackups(dataDir),
    'workspaces.backupNow': () => makeBackup(wb!, dataDir),
    'workspaces.restore': async (from: { name?: string; upload?: string }) => {
      // A handed-in file is removed whatever happens (refused or restored).
      try {
        const source = backupToRestore(dataDir, active, from, wb?.store.key ?? null);
        await swap(async () => putBackupInPlace(source, active));
      } finally {
        const staged = from.upload && stagedUpload(active, from.upload);
        if (staged) rmSync(staged, { force: true });
      }
      return describe(active, true, wb?.store.key);
    },
    'workspaces.open': async ({ file }: { file: string }) => {
      const name = file.replace(/^workspaces\//, '');
      const chosen = join(archive, name);
      if (name.includes('/') || name.includes('\\') || !name.endsWith('.qingshui') || !existsSync(chosen)) throw new DomainError('not_found', `未找到工作区“${file}”`);
      if (!isProtected(chosen)) assertOpenable(chosen); // refuses foreign, corrupt or newer files before anything moves (a protected one: at its sign-in)
      await swap(async () => { moveDatabase(chosen, active); return () => moveDatabase(active, chosen); });
      return describe(active, true, wb?.store.key);
    },
  };

  return {
    async dispatch(name, input, session) {
      while (swapping) await swapping.catch(() => undefined);
      while (opening) await opening.catch(() => undefined);
      if (!wb) {
        if (name === 'auth.status') return { ok: true, value: sealedStatus(active) };
        if (name !== 'auth.signIn' && name !== 'auth.recover') return SIGN_IN_FIRST;
        opening = openSealed(name, input, session).finally(() => { opening = null; });
        return opening;
      }
      const handler = hostHandlers[name];
      if (!handler) {
        running++;
        try { return await wb.dispatch(name, input, session); } finally { running--; }
      }
      const refused = wb.refusal(name, session);
      if (refused) return refused;
      return runProcedure(name, input, (parsed) => handler(parsed as never));
    },
    refusal: (name, session) => (wb ? wb.refusal(name, session) : SIGN_IN_FIRST),
    events,
    current: () => {
      if (!wb) throw new DomainError('unauthenticated', '请先登录');
      return wb;
    },
    close: () => { clearTimeout(firstDaily); clearInterval(dailyTimer); wb?.close(); },
  };
}
