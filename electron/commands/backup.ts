import { backupWorkspace, restoreWorkspace } from '../core/maintenance';

/** `qingshui backup --data DIR --out FILE`: an online backup, photos and signatures beside it in FILE.blobs/. */
export async function backupCommand(dataDir: string, out: string): Promise<void> {
  const { target, blobs } = await backupWorkspace(dataDir, out);
  console.log(`已备份到 ${target}${blobs ? `（照片与签名在 ${blobs}）` : ''}`);
}

/** `qingshui restore --data DIR --from FILE`: FILE in the workspace's place, the current one kept beside it. */
export async function restoreCommand(dataDir: string, from: string): Promise<void> {
  const { source, kept } = await restoreWorkspace(dataDir, from);
  console.log(`已从 ${source} 恢复工作区${kept ? `；原工作区已保留为 ${kept}` : ''}`);
}
