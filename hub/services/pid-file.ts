import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `hub.pid` in the hub's folder: which process serves it (a restore refuses while one does). */
const PID_FILE = 'hub.pid';

/** Notes this process as the hub serving `dir`; returns what removes the note. */
export function notePid(dir: string): () => void {
  const file = join(dir, PID_FILE);
  writeFileSync(file, `${process.pid}\n`, { mode: 0o600 });
  return () => rmSync(file, { force: true });
}

/** The process serving `dir`, if one is alive (a note left by a killed hub is ignored). */
export function runningHub(dir: string): number | null {
  let pid: number;
  try { pid = Number(readFileSync(join(dir, PID_FILE), 'utf8').trim()); } catch { return null; }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try { process.kill(pid, 0); return pid; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : null; }
}
