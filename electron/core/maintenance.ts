import { copyFileSync, cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { DemoSummary } from '../../shared/api/demo';
import type { Input } from '../../shared/api/index';
import { issuesToFields } from '../../shared/api/issues';
import { DomainError, invalidFields } from '../../shared/api/result';
import { Settings } from '../../shared/api/workspace';
import { blobDirOf } from '../store/blob-store';
import { DEFAULT_SETTINGS } from '../store/settings';
import { keysFileOf } from '../store/key-slots';
import { assertOpenable, backupDatabase, integrityProblems, verifyWorkspaceFile } from '../store/workspace-file';
import { createWorkbench, workspaceFile, type Workbench, type WorkbenchEvent } from './workbench';
import { assertNotInUse } from './workspace-lock';
import { ask, commandKey, credentialsFromEnvironment, keyFromPassword, keyFromRecoveryCode, type Credentials } from './unlock';
import { isProtected } from '../store/protection';

/*
 * What a host does to a workspace as a whole — check its file, back it up, restore it, build the demo
 * county or a new county into it — beside the procedures it calls on an open one.
 */

/**
 * Opens the workspace of a data folder for one command (it must exist), runs `fn`, closes it.
 * `QINGSHUI_UNLOCK=account:password` (or, on a terminal, a prompt) opens a protected workspace and
 * signs the command in with that account (issue 18): what it does is recorded under the account and
 * limited to its role, as in the app. An unprotected workspace without it is used as this computer's
 * own user (the owner of the data folder).
 */
export async function withWorkbench<T>(dataDir: string, fn: (wb: Workbench) => T | Promise<T>): Promise<T> {
  const { key, credentials, ownSlot } = await commandKey(workspaceFile(dataDir));
  const wb = createWorkbench({ dataDir, actor: 'system', create: false, key });
  try {
    // Opened with the account's own slot, its password is proved: one scrypt, not two.
    if (credentials && ownSlot) await signInOpened(wb, credentials.user);
    // A workspace nobody has an account on yet (a new `init`) is used as this computer's user.
    else if (credentials && (key || !(await wb.call('auth.status', {})).noAccounts)) await signInWith(wb, credentials);
    return await fn(wb);
  } finally { wb.close(); }
}

async function signInOpened(wb: Workbench, user: string): Promise<void> {
  try {
    await wb.call('auth.signInOpened', { user });
  } catch (e) {
    throw new DomainError((e as DomainError).code ?? 'unauthenticated', `QINGSHUI_UNLOCK：${(e as Error).message}`);
  }
}

/** Signs a command's workbench in with an account (a refusal says it came from QINGSHUI_UNLOCK). */
export async function signInWith(wb: Workbench, { user, password }: Credentials): Promise<void> {
  try {
    const { recoveryCode } = await wb.call('auth.signIn', { user, password });
    // A workspace made before protection existed is encrypted at this first sign-in: its code is said once.
    if (recoveryCode) process.stderr.write(`工作区已加密。恢复码（忘记全部密码时用，请抄下妥善保管，只显示这一次）：${recoveryCode}\n`);
  } catch (e) {
    throw new DomainError((e as DomainError).code ?? 'unauthenticated', `QINGSHUI_UNLOCK：${(e as Error).message}`);
  }
}

/** Every signed record, chain link, photo, signature and checklist version checked (nothing written first). */
export async function verifyWorkspaceAt(dataDir: string) {
  const file = workspaceFile(dataDir);
  return verifyWorkspaceFile(file, (await commandKey(file)).key);
}

/** Every page and index of the workspace database checked. */
export async function checkWorkspace(dataDir: string): Promise<{ ok: boolean; problems: string[] }> {
  const file = workspaceFile(dataDir);
  const problems = integrityProblems(file, (await commandKey(file)).key);
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
    backupDatabase(wb.store, target);
    // Blobs never change and are written before the rows naming them: copied after the database,
    // the folder holds every photo and signature the backup refers to.
    if (existsSync(wb.store.blobDir)) cpSync(wb.store.blobDir, blobDirOf(target), { recursive: true });
    return { target, blobs: existsSync(blobDirOf(target)) ? blobDirOf(target) : null };
  });
}

/**
 * Checks FILE is a workspace this app can open — a protected backup only with a password of one of
 * its accounts (QINGSHUI_UNLOCK, or asked on a terminal) or its recovery code (QINGSHUI_RECOVERY, or
 * asked) — keeps the current workspace beside it as *.before-restore-<time>.bak (with its WAL and key
 * slots), then puts FILE in its place. Returns where the old one was kept.
 */
export async function restoreWorkspace(dataDir: string, from: string): Promise<{ source: string; kept: string | null }> {
  const source = resolve(from);
  if (!existsSync(source)) throw new DomainError('not_found', `备份文件“${source}”不存在`);
  if (!existsSync(dataDir)) throw new DomainError('not_found', `数据文件夹“${dataDir}”不存在`);
  assertNotInUse(dataDir, '恢复');
  assertOpenable(source, isProtected(source) ? await restoreKey(source) : null);
  const file = workspaceFile(dataDir);
  let kept: string | null = null;
  if (existsSync(file)) {
    kept = `${file}.before-restore-${Date.now()}.bak`;
    // Moved whole (its WAL beside it keeps the last writes; its slots still open it): nothing is lost.
    for (const ext of ['', '-wal', '-shm']) if (existsSync(file + ext)) renameSync(file + ext, kept + ext);
    if (existsSync(keysFileOf(file))) renameSync(keysFileOf(file), keysFileOf(kept));
  }
  copyFileSync(source, file);
  if (existsSync(keysFileOf(source))) copyFileSync(keysFileOf(source), keysFileOf(file));
  // Content-addressed blobs: the backup's own copies (encrypted with its key) take the place of any of the same name.
  if (existsSync(blobDirOf(source))) cpSync(blobDirOf(source), blobDirOf(file), { recursive: true, force: true });
  return { source, kept };
}

/** The key of a protected backup, from an account's password or the recovery code. */
async function restoreKey(source: string): Promise<Buffer> {
  const recovery = process.env.QINGSHUI_RECOVERY;
  let credentials = credentialsFromEnvironment();
  let code = recovery ?? null;
  if (!credentials && !code && process.stdin.isTTY) {
    const user = (await ask('备份已加密。账号（忘记密码请直接回车，改用恢复码）：', false)).trim();
    if (user) credentials = { user, password: await ask('密码：', true) };
    else code = await ask('恢复码：', true);
  }
  if (!credentials && !code) throw new DomainError('unauthenticated', '备份已加密：请以 QINGSHUI_UNLOCK=账号:密码（或 QINGSHUI_RECOVERY=恢复码）运行 restore，或在终端中运行按提示输入');
  const key = code ? await keyFromRecoveryCode(source, code) : await keyFromPassword(source, credentials!);
  if (!key) throw new DomainError('unauthenticated', code ? '恢复码不对，备份未恢复' : '用户名或密码不对（或该账号不能打开这份备份），备份未恢复');
  return key;
}

/**
 * Builds the demo county into a data folder with no county yet. All or nothing: it is built in a
 * staging folder and moved into place whole, so a build killed half-way leaves no half-built
 * workspace (a re-run clears the staging folder).
 */
export async function buildDemoWorkspace(dataDir: string, input: Input<'demo.generate'>, onProgress?: (e: WorkbenchEvent) => void): Promise<DemoSummary> {
  if (existsSync(dataDir)) assertNotInUse(dataDir, '写入演示数据');
  if (isProtected(workspaceFile(dataDir))) throw new DomainError('conflict', `“${dataDir}”中的工作区已有数据（已加密，有账号），演示数据只能写入空工作区`);
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
    for (const from of [blobDirOf(workspaceFile(staging)), keysFileOf(workspaceFile(staging)), workspaceFile(staging)]) {
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
