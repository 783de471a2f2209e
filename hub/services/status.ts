import { hubFigures, type HubFigures } from '../db/figures';
import { metaValue } from '../db/meta';
import type { HubDb } from '../db/hub-db';
import { currentEpoch, type Epoch } from './epoch';
import { hubKeys } from './keys';
import { runningHub } from './pid-file';

/** `qingshui hub status`: what an operator checks — is it serving, which epoch, how far behind each laptop is, what it holds. */
export type HubStatus = HubFigures & {
  hubId: string; database: 'sqlite' | 'pg'; epoch: Epoch; runningPid: number | null; lastBackupAt: string | null;
  /** Per approved device, how many hub changes it has not acknowledged (its pull lag). */
  lag: { id: string; user: string; name: string; behind: number; lastSeenAt: string | null }[];
};

export async function hubStatus(dir: string, db: HubDb): Promise<HubStatus> {
  const [figures, epoch, keys, lastBackupAt] = await Promise.all([hubFigures(db), currentEpoch(db), hubKeys(dir, db), metaValue(db, 'lastBackupAt')]);
  return {
    ...figures, hubId: keys.hubId, database: db.kind, epoch, runningPid: runningHub(dir), lastBackupAt: lastBackupAt ?? null,
    lag: figures.devices.filter((d) => d.state === 'approved').map((d) => ({ id: d.id, user: d.user, name: d.name, behind: Math.max(0, figures.hubSeq - d.cursor), lastSeenAt: d.lastSeenAt })),
  };
}

/** The status as an operator reads it in a terminal. */
export function statusText(s: HubStatus): string {
  const mb = (b: number) => `${(b / 1024 ** 2).toFixed(1)} MB`;
  const lines = [
    `同步中心 ${s.hubId}（${s.database === 'pg' ? 'PostgreSQL' : 'SQLite'}）：${s.runningPid ? `运行中（进程 ${s.runningPid}）` : '本机未见运行的进程'}`,
    `第 ${s.epoch.n} 纪元${s.epoch.restoredFrom !== null ? `（${s.epoch.at.slice(0, 16).replace('T', ' ')} 由备份恢复，恢复点同步序号 ${s.epoch.restoredFrom}）` : ''}；最近一次备份：${s.lastBackupAt ? s.lastBackupAt.slice(0, 16).replace('T', ' ') : '无'}`,
    `同步序号 ${s.hubSeq}，变更 ${s.changes} 条，记录 ${s.records} 条（冲突 ${s.conflicted}），隔离 ${s.quarantined} 条`,
    `文件 ${s.blobs} 个（${mb(s.blobBytes)}），未完成的上传 ${s.partialUploads} 个`,
    `设备 ${s.devices.length} 台：已批准 ${s.lag.length}，待批准 ${s.devices.filter((d) => d.state === 'pending').length}，已注销 ${s.devices.filter((d) => d.state === 'revoked').length}`,
    ...s.lag.map((d) => `  ${d.id}\t${d.user}\t${d.name}\t落后 ${d.behind} 条\t最近同步 ${d.lastSeenAt ? d.lastSeenAt.slice(0, 16).replace('T', ' ') : '从未'}`),
  ];
  return lines.join('\n');
}
