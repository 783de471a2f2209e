import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { keyFromPassword } from '../../electron/core/unlock';
import { createWorkbench, type Workbench } from '../../electron/core/workbench';
import { DEMO_PASSWORD } from '../../electron/services/demo/accounts';
import { keyPragma } from '../../electron/store/cipher';
import { rawDatabase } from '../../electron/store/open';

/**
 * The environment of a command run on the demo county: its workspace is encrypted (issue 18), so the
 * command opens it with the demo administrator's account (a workspace with no account ignores it).
 */
export const DEMO_ENV = { ...process.env, QINGSHUI_UNLOCK: `admin:${DEMO_PASSWORD}` };

/** The key of a demo workspace the CLI built in `dir`. */
export async function demoKey(dir: string): Promise<Buffer> {
  const key = await keyFromPassword(join(dir, 'workspace.qingshui'), { user: 'admin', password: DEMO_PASSWORD });
  if (!key) throw new Error(`no demo key in ${dir}`);
  return key;
}

/** A workbench on a demo workspace the CLI built (opened with its key, as the computer's program). */
export async function openDemo(dir: string): Promise<Workbench> {
  return createWorkbench({ dataDir: dir, actor: 'system', create: false, key: await demoKey(dir) });
}

/** The demo workspace's database itself, for reads and edits behind the app's back. */
export async function demoDatabase(dir: string, options: Database.Options = {}): Promise<Database.Database> {
  return rawDatabase(join(dir, 'workspace.qingshui'), options, await demoKey(dir));
}

/** Attaches an encrypted workspace to a connection (SQLCipher 4 scheme, as the workbench opens it). */
export function attachEncrypted(db: Database.Database, file: string, key: Buffer, as: string): void {
  db.prepare("SELECT sqlite3mc_config('default:cipher', 'sqlcipher')").get();
  db.prepare("SELECT sqlite3mc_config('sqlcipher', 'default:legacy', 4)").get();
  db.exec(`ATTACH '${file.replace(/'/g, "''")}' AS ${as} ${keyPragma(key).replace(/^key = /, 'KEY ')}`);
}
