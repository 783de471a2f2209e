import { createInterface } from 'node:readline';
import { DomainError } from '../../shared/api/result';
import { hubSlotOf, openWithHubSecret, openWithPassword, readSlots } from '../store/key-slots';
import { isProtected } from '../store/protection';
import { isPlainRemote } from '../../shared/sync/loopback';
import { unsealAtHub } from '../services/sync/index';

export { keyFromRecoveryCode } from '../store/key-slots';

/*
 * Opening a protected workspace (issue 18): the workspace key comes out of a key slot, opened by a
 * person's password (their slot here, or — a hub account new to this laptop, or whose password changed
 * at the hub — the hub's secret for this device, given for that password), or by the recovery code.
 */

export type Credentials = { user: string; password: string };

/** The workspace key opened by an account's password, or null (wrong password, no such account). */
export async function keyFromPassword(file: string, credentials: Credentials): Promise<Buffer | null> {
  return (await openedBy(file, credentials))?.key ?? null;
}

/** The key and how it was opened: the account's own slot (its password proved), or through the hub. */
async function openedBy(file: string, { user, password }: Credentials): Promise<{ key: Buffer; ownSlot: boolean } | null> {
  const slots = readSlots(file);
  if (!slots) return null;
  const own = await openWithPassword(slots, user, password);
  if (own) return { key: own, ownSlot: true };
  const hub = hubSlotOf(slots);
  if (!hub) return null;
  // A password goes only to a hub whose certificate is pinned (or on this machine): a slot file someone
  // edited to name their own server over plain http gets nothing.
  if (!(hub.url.startsWith('https:') && hub.fingerprint) && isPlainRemote(hub.url)) return null;
  const secret = await unsealAtHub(hub, user, password);
  const key = secret && openWithHubSecret(slots, secret);
  return key ? { key, ownSlot: false } : null;
}

/** `QINGSHUI_UNLOCK=account:password` as credentials (null: not set). */
export function credentialsFromEnvironment(): Credentials | null {
  const unlock = process.env.QINGSHUI_UNLOCK;
  if (!unlock) return null;
  const at = unlock.indexOf(':');
  if (at <= 0) throw new DomainError('invalid', 'QINGSHUI_UNLOCK 应写成“账号:密码”');
  return { user: unlock.slice(0, at), password: unlock.slice(at + 1) };
}

/** Asks for an account and password on a terminal (the password not echoed). */
export async function promptCredentials(what = '工作区已加密，请登录'): Promise<Credentials> {
  process.stderr.write(`${what}\n`);
  const user = await ask('账号：', false);
  const password = await ask('密码：', true);
  return { user: user.trim(), password };
}

export function ask(question: string, secret: boolean): Promise<string> {
  return new Promise((ok) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    if (secret) (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => { if (s.startsWith(question)) process.stderr.write(question); };
    rl.question(question, (answer) => { rl.close(); if (secret) process.stderr.write('\n'); ok(answer); });
  });
}

/**
 * The key a command opens a data folder's workspace with: null when it is not protected; else from
 * QINGSHUI_UNLOCK, or asked on a terminal. A wrong password is refused in Chinese (nothing opened).
 */
export async function commandKey(file: string): Promise<{ key: Buffer | null; credentials: Credentials | null; ownSlot: boolean }> {
  if (!isProtected(file)) return { key: null, credentials: credentialsFromEnvironment(), ownSlot: false };
  const credentials = credentialsFromEnvironment() ?? (process.stdin.isTTY ? await promptCredentials() : null);
  if (!credentials) throw new DomainError('unauthenticated', '工作区已加密：请以 QINGSHUI_UNLOCK=账号:密码 运行该命令（或在终端中运行，按提示输入账号和密码）');
  const opened = await openedBy(file, credentials);
  if (!opened) throw new DomainError('unauthenticated', 'QINGSHUI_UNLOCK：用户名或密码不对，或该账号不能打开本机的工作区');
  return { key: opened.key, credentials, ownSlot: opened.ownSlot };
}
