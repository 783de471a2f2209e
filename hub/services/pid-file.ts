import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HubRefusal } from './hub-error';

/** `hub.pid` in the hub's folder: which process serves it (a restore refuses while one does). */
const PID_FILE = 'hub.pid';

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** The process serving `dir`, if one is alive (a note left by a killed hub is ignored). */
export function runningHub(dir: string): number | null {
  let pid: number;
  try { pid = Number(readFileSync(join(dir, PID_FILE), 'utf8').trim()); } catch { return null; }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  return alive(pid) ? pid : null;
}

/**
 * Notes this process as the hub serving `dir` — refused while another live one does (a second
 * `hub start` on the same folder) — and returns what removes the note, only while it is still ours.
 */
export function notePid(dir: string): () => void {
  const file = join(dir, PID_FILE);
  const other = runningHub(dir);
  if (other) throw new HubRefusal(409, 'running', `同步中心已在运行（进程 ${other}，数据文件夹 ${dir}）：同一文件夹只能有一个同步中心进程（多个进程请各用一个文件夹、共用一个 PostgreSQL）`);
  if (existsSync(file)) rmSync(file, { force: true }); // a dead one's
  writeFileSync(file, `${process.pid}\n`, { mode: 0o600, flag: 'wx' });
  return () => {
    try { if (Number(readFileSync(file, 'utf8').trim()) === process.pid) rmSync(file, { force: true }); } catch { /* gone */ }
  };
}
