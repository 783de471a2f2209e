import { copyFileSync, cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { DemoSummary } from '../../shared/api/demo';
import type { Input } from '../../shared/api/index';
import { issuesToFields } from '../../shared/api/issues';
import { DomainError, invalidFields } from '../../shared/api/result';
import { Settings } from '../../shared/api/workspace';
import { blobDirOf } from '../store/blob-store';
import { DEFAULT_SETTINGS } from '../store/settings';
import { assertOpenable, backupDatabase, checkpoint, integrityProblems, verifyWorkspaceFile } from '../store/workspace-file';
import { createWorkbench, workspaceFile, type Workbench, type WorkbenchEvent } from './workbench';
import { assertNotInUse } from './workspace-lock';

/*
 * What a host does to a workspace as a whole — check its file, back it up, restore it, build the demo
 * county or a new county into it — beside the procedures it calls on an open one.
 */

/** Opens the workspace of a data folder for one command (it must exist), runs `fn`, closes it. */
export async function withWorkbench<T>(dataDir: string, fn: (wb: Workbench) => T | Promise<T>): Promise<T> {
  const wb = createWorkbench({ dataDir, actor: 'system', create: false });
  try {
    await signInFromEnvironment(wb);
    return await fn(wb);
  } finally { wb.close(); }
}

/**
 * `QINGSHUI_UNLOCK=account:password` signs a command in with that account (issue 18): what it does is
 * then recorded under that account and limited to its role, as in the app. Without it a command acts
 * as this computer's own user (the owner of the data folder).
 */
export async function signInFromEnvironment(wb: Workbench): Promise<void> {
  const unlock = process.env.QINGSHUI_UNLOCK;
  if (!unlock) return;
  const at = unlock.indexOf(':');
  if (at <= 0) throw new DomainError('invalid', 'QINGSHUI_UNLOCK 应写成“账号:密码”');
  try {
    await wb.call('auth.signIn', { user: unlock.slice(0, at), password: unlock.slice(at + 1) });
  } catch (e) {
    throw new DomainError((e as DomainError).code ?? 'unauthenticated', `QINGSHUI_UNLOCK：${(e as Error).message}`);
  }
}

/** Every signed record, chain link, photo, signature and checklist version checked (nothing written first). */
export function verifyWorkspaceAt(dataDir: string) {
  return verifyWorkspaceFile(workspaceFile(dataDir));
}

/** Every page and index of the workspace database checked. */
export function checkWorkspace(dataDir: string): { ok: boolean; problems: string[] } {
  const problems = integrityProblems(workspaceFile(dataDir));
  return { ok: problems.length === 0, problems };
}

/**
 * An SQLite online backup, consistent while the app runs, and the workspace's photos and signatures
 * beside it in FILE.blobs/. Returns where the photos went (null: the workspace has none).
 */
export async function backupWorkspace(dataDir: string, out: string): Promise<{ target: string; blobs: string | null }> {
  const target = resolve(out);
  if (existsSync(target)) throw new DomainError('conflict', `备份文件“${target}”已存在，请换一个文件名`);
  if (!existsSync(dirname(target))) throw new DomainError('not_found', `备份目标文件夹“${dirname(target)}”不存在`);
  return withWorkbench(dataDir, async (wb) => {
    await backupDatabase(wb.store.db, target);
    // Blobs never change and are written before the rows naming them: copied after the database,
    // the folder holds every photo and signature the backup refers to.
    if (existsSync(wb.store.blobDir)) cpSync(wb.store.blobDir, blobDirOf(target), { recursive: true });
    return { target, blobs: existsSync(blobDirOf(target)) ? blobDirOf(target) : null };
  });
}

/**
 * Checks FILE is a workspace this app can open, keeps the current workspace beside it as
 * *.before-restore-<time>.bak, then puts FILE in its place. Returns where the old one was kept.
 */
export function restoreWorkspace(dataDir: string, from: string): { source: string; kept: string | null } {
  const source = resolve(from);
  if (!existsSync(source)) throw new DomainError('not_found', `备份文件“${source}”不存在`);
  if (!existsSync(dataDir)) throw new DomainError('not_found', `数据文件夹“${dataDir}”不存在`);
  assertNotInUse(dataDir, '恢复');
  assertOpenable(source);
  const file = workspaceFile(dataDir);
  let kept: string | null = null;
  if (existsSync(file)) {
    checkpoint(file);
    kept = `${file}.before-restore-${Date.now()}.bak`;
    renameSync(file, kept);
    for (const ext of ['-wal', '-shm']) rmSync(file + ext, { force: true });
  }
  copyFileSync(source, file);
  // Content-addressed blobs merge safely: the restored workspace finds every file it names.
  if (existsSync(blobDirOf(source))) cpSync(blobDirOf(source), blobDirOf(file), { recursive: true, force: false });
  return { source, kept };
}

/**
 * Builds the demo county into a data folder with no county yet. All or nothing: it is built in a
 * staging folder and moved into place whole, so a build killed half-way leaves no half-built
 * workspace (a re-run clears the staging folder).
 */
export async function buildDemoWorkspace(dataDir: string, input: Input<'demo.generate'>, onProgress?: (e: WorkbenchEvent) => void): Promise<DemoSummary> {
  if (existsSync(dataDir)) assertNotInUse(dataDir, '写入演示数据');
  if (existsSync(workspaceFile(dataDir))) {
    const stats = await withWorkbench(dataDir, (wb) => wb.call('workspace.stats', {}));
    if (stats.enterprises + stats.outfalls + stats.regions > 0) {
      throw new DomainError('conflict', `“${dataDir}”中的工作区已有数据（${stats.enterprises} 家企业、${stats.outfalls} 个排污口），演示数据只能写入空工作区`);
    }
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const staging = resolve(dataDir, '.demo-staging');
  rmSync(staging, { recursive: true, force: true });
  const wb = createWorkbench({ dataDir: staging, actor: 'system' });
  let built = false;
  try {
    if (onProgress) wb.events.on('event', onProgress);
    const summary = await wb.call('demo.generate', { ...input, job: 'demo' });
    built = true;
    wb.close();
    for (const from of [blobDirOf(workspaceFile(staging)), workspaceFile(staging)]) {
      const to = join(dataDir, from.slice(staging.length + 1));
      if (existsSync(from)) { rmSync(to, { recursive: true, force: true }); renameSync(from, to); }
    }
    rmSync(staging, { recursive: true, force: true });
    return summary;
  } finally {
    if (!built) { wb.close(); rmSync(staging, { recursive: true, force: true }); }
  }
}

/** A new, empty workspace for a bureau's county in a data folder that has none. */
export async function initWorkspace(dataDir: string, settings: Input<'workspace.init'>): Promise<string> {
  if (existsSync(dataDir)) assertNotInUse(dataDir, '新建工作区');
  const file = workspaceFile(dataDir);
  if (existsSync(file)) throw new DomainError('conflict', `“${dataDir}”中已有工作区`);
  // Checked before anything is made: a wrong county code leaves no folder behind.
  const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, ...settings });
  if (!parsed.success) throw invalidFields(issuesToFields(parsed.error.issues));
  const wb = createWorkbench({ dataDir, actor: 'system' });
  let ok = false;
  try {
    await wb.call('workspace.init', settings);
    ok = true;
  } finally {
    wb.close();
    if (!ok) for (const ext of ['', '-wal', '-shm']) rmSync(file + ext, { force: true });
  }
  return file;
}
