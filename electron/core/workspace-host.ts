import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Result } from '../../shared/api/index';
import { DomainError } from '../../shared/api/result';
import type { WorkspaceEntry } from '../../shared/api/workspaces';
import type { Settings } from '../../shared/api/workspace';
import { assertOpenable, makeSingleFile, summariseWorkspaceFile } from '../store/workspace-file';
import { runProcedure } from './dispatch';
import type { Session } from '../services/context';
import { createWorkbench, workspaceFile, type Workbench, type WorkbenchEvent } from './workbench';

/** What a host (browser or desktop) talks to: the active workbench, swappable for another workspace. */
export type WorkspaceHost = {
  /** A page's call, in its session (see Workbench.dispatch). */
  dispatch(name: string, input: unknown, session?: Session): Promise<Result<unknown>>;
  events: EventEmitter<{ event: [WorkbenchEvent] }>;
  current(): Workbench;
  close(): void;
};

const ARCHIVE = 'workspaces';

function describe(file: string, active: boolean): WorkspaceEntry {
  const entry = { file: active ? basename(file) : `${ARCHIVE}/${basename(file)}`, bureauName: '', countyName: '', enterprises: 0, modifiedAt: statSync(file).mtime.toISOString(), active };
  try {
    return { ...entry, ...summariseWorkspaceFile(file) };
  } catch {
    return { ...entry, bureauName: '（无法读取）' };
  }
}

/** Moves a closed database file (and any WAL/SHM and blob folder beside it) to a new name. */
function moveDatabase(from: string, to: string): void {
  renameSync(from, to);
  for (const ext of ['-wal', '-shm', '.blobs']) if (existsSync(from + ext)) renameSync(from + ext, to + ext);
}

/**
 * Owns the active workbench of a data folder. `workspaces.createEmpty` puts the active workspace
 * aside under workspaces/ and starts an empty one; `workspaces.open` swaps one back. Nothing is
 * ever deleted, and a failed swap puts everything back where it was.
 */
export function createWorkspaceHost(first: Workbench): WorkspaceHost {
  let wb = first;
  const dataDir = first.dataDir;
  const active = workspaceFile(dataDir);
  const archive = join(dataDir, ARCHIVE);
  const events = new EventEmitter<{ event: [WorkbenchEvent] }>();
  const forward = (e: WorkbenchEvent) => events.emit('event', e);
  wb.events.on('event', forward);

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
    wb.events.off('event', forward);
    wb.close();
    makeSingleFile(active); // set aside as one self-contained file: no -wal/-shm beside it
    moveDatabase(active, aside);
    let undo: (() => void) | null = null;
    try {
      undo = await prepare();
      wb = createWorkbench({ dataDir, actor: 'user', create: false });
    } catch (e) {
      try { undo?.(); } finally {
        moveDatabase(aside, active);
        wb = createWorkbench({ dataDir, actor: 'user', create: false });
      }
      throw e;
    } finally {
      wb.events.on('event', forward);
    }
    events.emit('event', { type: 'workspace' });
  };

  const hostHandlers: Record<string, (input: never) => unknown> = {
    'workspaces.list': () => [
      describe(active, true),
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
      return describe(active, true);
    },
    'workspaces.open': async ({ file }: { file: string }) => {
      const name = file.replace(/^workspaces\//, '');
      const chosen = join(archive, name);
      if (name.includes('/') || name.includes('\\') || !name.endsWith('.qingshui') || !existsSync(chosen)) throw new DomainError('not_found', `未找到工作区“${file}”`);
      assertOpenable(chosen); // refuses foreign, corrupt or newer files before anything moves
      await swap(async () => { moveDatabase(chosen, active); return () => moveDatabase(active, chosen); });
      return describe(active, true);
    },
  };

  return {
    async dispatch(name, input, session) {
      while (swapping) await swapping.catch(() => undefined);
      const handler = hostHandlers[name];
      if (!handler) {
        running++;
        try { return await wb.dispatch(name, input, session); } finally { running--; }
      }
      const refused = wb.refusal(name, session);
      if (refused) return refused;
      return runProcedure(name, input, (parsed) => handler(parsed as never));
    },
    events,
    current: () => wb,
    close: () => wb.close(),
  };
}
