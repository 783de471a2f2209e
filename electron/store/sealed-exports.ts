import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decryptFile, encryptFile, isEncryptedFile, subkey } from './cipher';

/*
 * The exports folder of a protected workspace (issue 18): ledgers, audit logs and evidence packages the
 * app wrote for a person to download or take away are kept there encrypted (AES-256-GCM under a key
 * derived from the workspace key, the file name bound as associated data) and opened only when served
 * to a signed-in session or moved where the person asked.
 */
const exportKeys = new Map<string, Buffer>();

/** The folder beside a workspace file where what the app exports is kept. */
export function exportsDirOfWorkspace(workspaceFile: string): string {
  return join(dirname(workspaceFile), 'exports');
}

export function setExportsKey(workspaceFile: string, workspaceKey: Buffer): void {
  exportKeys.set(exportsDirOfWorkspace(workspaceFile), subkey(workspaceKey, 'exports'));
}

/** Encrypts a file just written to a protected exports folder (once; a plain folder's files stay plain). */
export function sealExport(path: string): void {
  const key = exportKeys.get(dirname(path));
  if (!key || !existsSync(path) || hasSealedHeader(path)) return;
  const bytes = readFileSync(path);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try { writeSync(fd, encryptFile(key, bytes, basename(path))); fsyncSync(fd); } finally { closeSync(fd); }
  renameSync(tmp, path);
}

/** Whether a file starts as a sealed one does (its first bytes only: nothing else is read). */
function hasSealedHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.toString('latin1') === 'QSE1';
  } finally { closeSync(fd); }
}

/** The plain bytes of an exported file (decrypted when sealed; null: sealed and this process has not its key, or altered). */
export function openExport(path: string): Buffer | null {
  const bytes = readFileSync(path);
  if (!isEncryptedFile(bytes)) return bytes;
  const key = exportKeys.get(dirname(path));
  return key ? decryptFile(key, bytes, basename(path)) : null;
}
