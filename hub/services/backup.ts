import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { latestHubSeq } from '../db/changes';
import { addMeta, metaValue, replaceMeta } from '../db/meta';
import type { HubDb } from '../db/hub-db';
import { restorePgDump } from '../db/pg';
import { restoreSqliteFile } from '../db/sqlite';
import { currentEpoch, startEpoch, type Epoch } from './epoch';
import { skipCountersAfterRestore } from './county-numbers';
import { HubRefusal } from './hub-error';
import { hubKeys, KEY_FILE } from './keys';
import { openHubDb } from './open-hub';
import { runningHub } from './pid-file';
import { currentBlobStore } from './blob-choice';

/*
 * `qingshui hub backup` and `qingshui hub restore` (issue 21). A backup is a folder: the database (a
 * consistent copy taken while the hub serves: SQLite's backup API, or pg_dump), the hub's keys, its TLS
 * certificate, every complete file (photos, recordings, signatures), and a manifest written last — a
 * folder without one is not a backup. A restore puts all of it back and starts a new epoch (`epoch.ts`).
 */

const FORMAT = 'qingshui-hub-backup-v1';
const MANIFEST = 'manifest.json';
/** In the hub's folder while a restore is under way (or was cut short): the hub refuses to start. */
export const RESTORING = 'hub.restoring';

export type BackupManifest = {
  format: typeof FORMAT; at: string; database: 'sqlite' | 'pg'; hubId: string;
  /** The hub sequence when the backup began (the copy holds at least this much). */
  hubSeq: number; epoch: Epoch; files: number; fileBytes: number;
};

const dbFile = (kind: 'sqlite' | 'pg') => (kind === 'sqlite' ? 'hub.db' : 'hub.pgdump');

/** Copies the complete files of `from`'s blobs/ folder (content-addressed: one already there is the same) into `to`'s. */
function copyBlobs(from: string, to: string): { files: number; bytes: number } {
  let files = 0; let bytes = 0;
  const root = join(from, 'blobs');
  if (!existsSync(root)) return { files, bytes };
  for (const prefix of readdirSync(root)) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue; // partial/ (unfinished uploads) is not kept
    mkdirSync(join(to, 'blobs', prefix), { recursive: true, mode: 0o700 });
    for (const name of readdirSync(join(root, prefix))) {
      if (!/^[0-9a-f]{64}$/.test(name)) continue;
      const target = join(to, 'blobs', prefix, name);
      if (!existsSync(target)) {
        // Copied beside, then renamed: a copy cut short is never taken for the file.
        copyFileSync(join(root, prefix, name), `${target}.copying`);
        chmodSync(`${target}.copying`, 0o600);
        renameSync(`${target}.copying`, target);
      }
      files++; bytes += statSync(target).size;
    }
  }
  return { files, bytes };
}

/** Copies the hub's secrets and certificate between its folder and a backup. */
function copySecrets(from: string, to: string, overwrite: boolean): void {
  if (existsSync(join(from, KEY_FILE)) && (overwrite || !existsSync(join(to, KEY_FILE)))) {
    copyFileSync(join(from, KEY_FILE), join(to, KEY_FILE));
    chmodSync(join(to, KEY_FILE), 0o600);
  }
  if (existsSync(join(from, 'tls')) && (overwrite || !existsSync(join(to, 'tls')))) {
    mkdirSync(join(to, 'tls'), { recursive: true, mode: 0o700 });
    for (const name of readdirSync(join(from, 'tls'))) copyFileSync(join(from, 'tls', name), join(to, 'tls', name));
  }
}

/** Backs the hub up into `out` (a new or empty folder) while it keeps serving. */
export async function backupHub(dir: string, db: HubDb, out: string): Promise<BackupManifest> {
  if (existsSync(out) && readdirSync(out).length) throw new HubRefusal(400, 'invalid', `备份文件夹“${out}”不是空的：请给一个新的文件夹`);
  mkdirSync(out, { recursive: true, mode: 0o700 });
  const keys = await hubKeys(dir, db);
  const epoch = await currentEpoch(db);
  const hubSeq = await latestHubSeq(db);
  try {
    await db.backupTo(join(out, dbFile(db.kind)));
    chmodSync(join(out, dbFile(db.kind)), 0o600); // it holds the devices' seal secrets
  } catch (e) {
    throw new HubRefusal(500, 'backup', `数据库备份失败：${(e as Error).message}`);
  }
  copySecrets(dir, out, true);
  // After the database: every file it names was complete before it, so it is here too (later ones as well,
  // harmlessly). Files kept in the database came with it.
  const { files, bytes } = (await currentBlobStore(dir, db)).kind === 'folder' ? copyBlobs(dir, out) : { files: 0, bytes: 0 };
  const manifest: BackupManifest = { format: FORMAT, at: new Date().toISOString(), database: db.kind, hubId: keys.hubId, hubSeq, epoch, files, fileBytes: bytes };
  writeFileSync(join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  await db.tx(async (q) => { if (await metaValue(q, 'lastBackupAt')) await replaceMeta(q, 'lastBackupAt', manifest.at); else await addMeta(q, 'lastBackupAt', manifest.at); });
  return manifest;
}

/** Reads a backup folder's manifest, refusing a folder that is not a complete backup. */
export function readBackup(from: string): BackupManifest {
  const file = join(from, MANIFEST);
  if (!existsSync(file)) throw new HubRefusal(400, 'invalid', `“${from}”不是完整的同步中心备份（缺少 ${MANIFEST}：备份未完成或不是备份文件夹）`);
  let m: BackupManifest;
  try { m = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest; } catch { throw new HubRefusal(400, 'invalid', `“${file}”无法读取`); }
  if (m.format !== FORMAT || (m.database !== 'sqlite' && m.database !== 'pg') || !existsSync(join(from, dbFile(m.database)))) {
    throw new HubRefusal(400, 'invalid', `“${from}”不是本程序的同步中心备份，或其数据库文件缺失`);
  }
  return m;
}

export type RestoreReport = { epoch: Epoch; hubSeq: number; files: number; backupAt: string };

/**
 * Puts a backup back into the hub's folder (and its PostgreSQL database when `database` is given; every
 * hub process must be stopped) and starts a new epoch from the restored sequence.
 */
export async function restoreHub(dir: string, database: string | undefined, from: string): Promise<RestoreReport> {
  const m = readBackup(from);
  const kind = database ? 'pg' : 'sqlite';
  if (m.database !== kind) {
    throw new HubRefusal(400, 'invalid', `备份来自 ${m.database === 'pg' ? 'PostgreSQL' : 'SQLite'} 的同步中心，不能恢复到 ${kind === 'pg' ? 'PostgreSQL' : 'SQLite'}${kind === 'sqlite' ? '（请加 --database postgres://…）' : '（请去掉 --database）'}`);
  }
  const running = runningHub(dir);
  if (running) throw new HubRefusal(409, 'running', `同步中心正在运行（进程 ${running}）：请先停止它（以及使用同一数据库的其他同步中心进程）再恢复`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Until the restore is whole, the hub will not start (`hub start` refuses while this marker is there).
  const marker = join(dir, RESTORING);
  writeFileSync(marker, `${new Date().toISOString()} ${from}\n`, { mode: 0o600 });
  // The epoch before: the new one is numbered past it (a hub restored twice from the same backup starts two epochs).
  let before = m.epoch.n;
  if (kind === 'pg' || existsSync(join(dir, 'hub.db'))) {
    try { const db = await openHubDb(dir, database); try { before = Math.max(before, (await currentEpoch(db)).n); } finally { await db.close(); } } catch { /* none readable: the backup's */ }
  }
  try {
    if (kind === 'sqlite') restoreSqliteFile(dir, join(from, 'hub.db'));
    else await restorePgDump(database!, join(from, 'hub.pgdump'));
  } catch (e) {
    throw new HubRefusal(500, 'restore', `数据库恢复失败：${(e as Error).message}（同步中心在重新恢复成功之前不会启动）`);
  }
  // The new epoch at once, from the sequence the restored database holds — before anything else is copied.
  const db = await openHubDb(dir, database);
  let epoch: Epoch;
  let hubSeq: number;
  try {
    hubSeq = await latestHubSeq(db);
    epoch = await db.tx(async (q) => {
      await skipCountersAfterRestore(q);
      return startEpoch(q, before, hubSeq);
    });
  } finally {
    await db.close();
  }
  copySecrets(from, dir, true);
  const { files } = copyBlobs(from, dir);
  rmSync(marker, { force: true });
  return { epoch, hubSeq, files, backupAt: m.at };
}
