import type { HubDb } from '../db/hub-db';
import { addMeta, metaValue } from '../db/meta';
import { DatabaseBlobs } from './blob-database';
import { FolderBlobs } from './blob-folder';
import type { BlobBytes, BlobStoreKind } from './blob-store';
import { HubRefusal } from './hub-error';

const KEY = 'blobStore';
const LABEL: Record<BlobStoreKind, string> = { folder: '同步中心的文件夹（folder）', database: '数据库（database）' };

/**
 * The store this hub keeps file bytes in: chosen at its first start (`--blob-store`, folder by default)
 * and kept in the database, so every process on it uses the same; asking another later is refused.
 */
export async function blobStoreOf(dir: string, db: HubDb, wanted?: string): Promise<BlobBytes> {
  if (wanted !== undefined && wanted !== 'folder' && wanted !== 'database') throw new HubRefusal(400, 'invalid', `--blob-store 应为 folder（文件夹）或 database（数据库），收到“${wanted}”`);
  const kept = (await metaValue(db, KEY)) as BlobStoreKind | undefined;
  if (!kept) await addMeta(db, KEY, wanted ?? 'folder');
  const kind = ((await metaValue(db, KEY)) ?? 'folder') as BlobStoreKind;
  if (wanted && wanted !== kind) {
    throw new HubRefusal(400, 'invalid', `本中心的文件存放在${LABEL[kind]}，不能改为${LABEL[wanted as BlobStoreKind]}（两处之间的迁移尚不支持）`);
  }
  return kind === 'database' ? new DatabaseBlobs(db) : new FolderBlobs(dir);
}

/** The store chosen already (folder when none was), for commands that do not choose. */
export async function currentBlobStore(dir: string, db: HubDb): Promise<BlobBytes> {
  const kind = (await metaValue(db, KEY)) as BlobStoreKind | undefined;
  return kind === 'database' ? new DatabaseBlobs(db) : new FolderBlobs(dir);
}
