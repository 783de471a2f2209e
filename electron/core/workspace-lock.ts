import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../shared/api/result';

const LOCK = '.qingshui.lock';

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** The live process (other than this one) holding the data folder, if any; stale locks are ignored. */
export function lockHolder(dataDir: string): { pid: number; host: string } | null {
  const file = join(dataDir, LOCK);
  if (!existsSync(file)) return null;
  try {
    const lock = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; host: string };
    return lock.pid !== process.pid && alive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

/** Refuses when another live 清水 program has this data folder open. */
export function assertNotInUse(dataDir: string, doing: string): void {
  const holder = lockHolder(dataDir);
  if (holder) throw new DomainError('conflict', `工作区正由另一个清水程序使用（${holder.host}，进程 ${holder.pid}），不能${doing}；请先关闭它（如确认没有清水程序在运行，可删除数据文件夹中的 ${LOCK}）`);
}

/** Taken by a host (browser or desktop) for as long as it serves the folder; returns the release. */
export function lockWorkspace(dataDir: string, host: string): () => void {
  assertNotInUse(dataDir, `同时打开`);
  const file = join(dataDir, LOCK);
  writeFileSync(file, JSON.stringify({ pid: process.pid, host, since: new Date().toISOString() }));
  return () => {
    if (lockHolder(dataDir) === null && existsSync(file)) {
      try { if ((JSON.parse(readFileSync(file, 'utf8')) as { pid: number }).pid === process.pid) rmSync(file); } catch { /* already gone */ }
    }
  };
}
