import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export const BIN = join(__dirname, '..', '..', 'bin', 'qingshui.cjs');
const children: ChildProcess[] = [];
afterEach(() => { for (const c of children.splice(0)) c.kill('SIGTERM'); });

/** Starts `qingshui web` on a free port and returns the URL from its first line of output. */
export async function startHost(dataDir: string, extra: string[] = []): Promise<{ url: URL; token: string }> {
  const child = spawn(process.execPath, [BIN, 'web', '--data', dataDir, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const first = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout! }).once('line', ok);
    child.once('exit', (code) => fail(new Error(`web host exited ${code}`)));
  });
  const url = new URL(first);
  const token = url.searchParams.get('token')!;
  // Programs holding the token sign in like a person (issue 18): as the demo county's administrator when it has one.
  await rpc(url, 'auth.signIn', { user: 'admin', password: 'Qingshui2026' }, token);
  return { url, token };
}

export const rpc = (url: URL, name: string, input: unknown, token?: string) =>
  fetch(new URL(`/rpc/${name}`, url), { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { 'x-qingshui-token': token } : {}) }, body: JSON.stringify(input) });

