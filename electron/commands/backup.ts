import { copyFileSync, cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DomainError } from '../../shared/api/result';
import { createWorkbench, workspaceFile } from '../core/workbench';
import { assertNotInUse } from '../core/workspace-lock';
import { blobDirOf } from '../store/blob-store';
import { openDatabase } from '../store/open';

/**
 * `qingshui backup --data DIR --out FILE`: an SQLite online backup, consistent while the app runs,
 * and the workspace's photos and signatures beside it in FILE.blobs/.
 */
export async function backupCommand(dataDir: string, out: string): Promise<void> {
  const target = resolve(out);
  if (existsSync(target)) throw new DomainError('conflict', `备份文件“${target}”已存在，请换一个文件名`);
  if (!existsSync(dirname(target))) throw new DomainError('not_found', `备份目标文件夹“${dirname(target)}”不存在`);
  const wb = createWorkbench({ dataDir, actor: 'system', create: false });
  try {
    await wb.store.db.backup(target);
    // Blobs never change and are written before the rows naming them: copied after the database,
    // the folder holds every photo and signature the backup refers to.
    if (existsSync(wb.store.blobDir)) cpSync(wb.store.blobDir, blobDirOf(target), { recursive: true });
  } finally {
    wb.close();
  }
  console.log(`已备份到 ${target}${existsSync(blobDirOf(target)) ? `（照片与签名在 ${blobDirOf(target)}）` : ''}`);
}

/**
 * `qingshui restore --data DIR --from FILE`: checks FILE is a workspace this app can open, keeps
 * the current workspace beside it as *.before-restore-<time>.bak, then puts FILE in its place.
 */
export function restoreCommand(dataDir: string, from: string): void {
  const source = resolve(from);
  if (!existsSync(source)) throw new DomainError('not_found', `备份文件“${source}”不存在`);
  if (!existsSync(dataDir)) throw new DomainError('not_found', `数据文件夹“${dataDir}”不存在`);
  assertNotInUse(dataDir, '恢复');
  openDatabase(source, { create: false, verify: true }).close(); // refuses foreign, corrupt or newer files
  const file = workspaceFile(dataDir);
  let kept: string | null = null;
  if (existsSync(file)) {
    const check = openDatabase(file, { create: false });
    check.pragma('wal_checkpoint(TRUNCATE)');
    check.close();
    kept = `${file}.before-restore-${Date.now()}.bak`;
    renameSync(file, kept);
    for (const ext of ['-wal', '-shm']) rmSync(file + ext, { force: true });
  }
  copyFileSync(source, file);
  // Content-addressed blobs merge safely: the restored workspace finds every file it names.
  if (existsSync(blobDirOf(source))) cpSync(blobDirOf(source), blobDirOf(file), { recursive: true, force: false });
  console.log(`已从 ${source} 恢复工作区${kept ? `；原工作区已保留为 ${kept}` : ''}`);
}
