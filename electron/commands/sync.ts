import { DomainError } from '../../shared/api/result';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createEmptyWorkspace } from '../core/default-workspace';
import { takeExport, withStagedUpload } from '../core/files';
import { withWorkbench } from '../core/maintenance';
import type { Workbench } from '../core/workbench';
import { DEVICE_STATES } from '../../shared/sync/roles';
import { PASSWORD_ENV, PASSWORD_FLAG_REFUSED, passwordInput } from '../../shared/cli/password';

/** Opens the data folder's workspace for one command (a new, empty one for enrolment), runs `fn`, closes it. */
function withWorkspace<T>(dataDir: string, fn: (wb: Workbench) => Promise<T> | T, create = false): Promise<T> {
  if (!create) return withWorkbench(dataDir, fn);
  createEmptyWorkspace(dataDir);
  return withWorkbench(dataDir, fn);
}

/** `qingshui enroll --data DIR --hub URL --user U` (password from the terminal or QINGSHUI_PASSWORD): registers this workspace with a hub (a new, empty one when the folder has none: the first sync fills it). */
export async function enrollCommand(dataDir: string, hub: string, user: string, password: string | undefined, json: boolean, tls: { fingerprint?: string; insecure?: boolean } = {}): Promise<void> {
  if (password !== undefined) throw new DomainError('invalid', PASSWORD_FLAG_REFUSED);
  // An empty --fingerprint (an unset variable in a script) is a mistake, not "pin whatever answers".
  if (tls.fingerprint !== undefined && !tls.fingerprint.trim()) throw new DomainError('invalid', '证书指纹应为 64 位十六进制（SHA-256，可带冒号）');
  const pw = await passwordInput(`同步中心账号 ${user} `, process.env, process.stdin, process.stderr);
  if (!pw) throw new DomainError('invalid', `缺少密码：请在终端运行并按提示输入，或设置环境变量 ${PASSWORD_ENV}`);
  await withWorkspace(dataDir, async (wb) => {
    const { enrolment: r } = await wb.call('sync.enroll', { hubUrl: hub, user, password: pw, fingerprint: tls.fingerprint, insecure: tls.insecure ?? false });
    if (json) { console.log(JSON.stringify(r)); return; }
    if (r.fingerprint) console.log(`同步中心证书指纹（SHA-256）：${r.fingerprint}${r.trusted ? '（由本机信任的证书机构签发）' : '（自签名：请与同步中心管理员核对，已记下，今后只认此证书）'}`);
    console.log(r.state === 'approved' ? `已登记到同步中心：设备 ${r.deviceId}，节点 ${r.node}` : `已提交登记：设备 ${r.deviceId}（节点 ${r.node}），待管理员批准（管理员在其电脑的“同步 → 设备管理”中批准，或 qingshui devices approve ${r.deviceId}）`);
  }, true);
}

/** `qingshui sync --data DIR [--json]`: one sync with the enrolled hub. */
export async function syncCommand(dataDir: string, json: boolean): Promise<void> {
  await withWorkspace(dataDir, async (wb) => {
    const r = await wb.call('sync.run', {});
    if (json) { console.log(JSON.stringify(r)); return; }
    if (r.restart) console.log(`同步中心已从备份恢复（第 ${r.restart.epoch} 纪元）：本机从恢复点重新上传了 ${r.restart.resent} 条变更，并从同步序号 ${r.restart.pullFrom} 起重新接收`);
    console.log(`已同步：上传变更 ${r.pushed} 条${r.quarantined ? `（被隔离 ${r.quarantined} 条）` : ''}，接收变更 ${r.applied} 条${r.snapshotRecords ? `（首次同步快照 ${r.snapshotRecords} 条记录）` : ''}，上传文件 ${r.blobsUp} 个，接收文件 ${r.blobsDown} 个`
      + `${r.mediaPending ? `，待接收照片 ${r.mediaPending} 个` : ''}${r.conflictsNoticed ? `；新冲突 ${r.conflictsNoticed} 处（qingshui conflicts 查看）` : ''}${r.drifted ? `；时钟超前的变更 ${r.drifted} 条` : ''}`);
  });
}

/**
 * `qingshui conflicts --data DIR [--json]`: fields changed concurrently, every value side by side;
 * and codes meant to be unique that two records hold (`duplicates`).
 */
export async function conflictsCommand(dataDir: string, json: boolean): Promise<void> {
  await withWorkspace(dataDir, async (wb) => {
    const conflicts = await wb.call('sync.conflicts', {});
    const duplicates = await wb.call('sync.duplicates', {});
    if (json) { console.log(JSON.stringify({ total: conflicts.length, conflicts, duplicates })); return; }
    for (const c of conflicts) {
      console.log(`${c.entityName}“${c.recordName}”的${c.fieldLabel}：${c.values.map((v) => `${JSON.stringify(v.value)}（${v.authorName}，${v.at.slice(0, 16).replace('T', ' ')}${v.winning ? '，当前' : ''}）`).join(' ／ ')}`);
    }
    console.log(`共 ${conflicts.length} 处冲突`);
    for (const d of duplicates) console.log(`${d.keyLabel}“${d.key}”被 ${d.records.length} 个${d.entityName}同时使用：${d.records.map((r) => `${r.name}（${r.id}）`).join('、')}`);
    if (duplicates.length) console.log(`共 ${duplicates.length} 处编码重复：请核实后保留一条，删除或改正其余`);
  });
}

/** `qingshui bundle export --data DIR --out FILE` and `qingshui bundle import FILE --data DIR`. */
export async function bundleCommand(sub: string | undefined, file: string | undefined, dataDir: string, out: string | undefined, json: boolean): Promise<void> {
  await withWorkspace(dataDir, async (wb) => {
    if (sub === 'export' && out) {
      const target = resolve(out);
      if (!existsSync(dirname(target))) throw new DomainError('not_found', `保存同步包的文件夹“${dirname(target)}”不存在：请先建好它，或换一个位置（如 U 盘的根目录）`);
      const r = await wb.call('sync.exportBundle', {});
      takeExport(wb, r.file.name, target);
      const figures = { file: out, changes: r.changes, blobs: r.blobs, bytes: r.bytes, summary: `已导出同步包 ${out}：本机未确认的变更 ${r.changes} 条，照片等文件 ${r.blobs} 个` };
      console.log(json ? JSON.stringify(figures) : figures.summary);
    } else if (sub === 'import' && file) {
      const figures = await withStagedUpload(wb, resolve(file), (staged) => wb.call('sync.importBundle', { staged }));
      console.log(json ? JSON.stringify(figures) : figures.summary);
    } else {
      throw new DomainError('invalid', '用法：qingshui bundle export --data DIR --out FILE 或 qingshui bundle import FILE --data DIR');
    }
  });
}

/**
 * `qingshui devices --data DIR [--json]`, `qingshui devices approve|revoke ID --data DIR`: the hub's
 * laptops, asked from an admin's enrolled workspace (no shell on the hub's server needed).
 */
export async function devicesCommand(sub: string | undefined, id: string | undefined, dataDir: string, json: boolean): Promise<void> {
  await withWorkspace(dataDir, async (wb) => {
    if (sub === 'approve' || sub === 'revoke') {
      if (!id) throw new DomainError('invalid', `用法：qingshui devices ${sub} 设备编号 --data DIR`);
      const d = await wb.call('sync.setDeviceState', { id, state: sub === 'approve' ? 'approved' : 'revoked' });
      console.log(json ? JSON.stringify(d) : `设备 ${d.id}（${d.userDisplay}，${d.name}）${DEVICE_STATES[d.state]}`);
    } else if (sub === undefined) {
      const devices = await wb.call('sync.devices', {});
      if (json) { console.log(JSON.stringify({ devices })); return; }
      for (const d of devices) {
        console.log(`${d.id}\t${d.userDisplay}\t${d.name}\t${DEVICE_STATES[d.state]}\t${d.lastSeenAt ? `最近同步 ${d.lastSeenAt.slice(0, 16).replace('T', ' ')}` : '未同步'}${d.clockAhead ? `\t时钟超前的变更 ${d.clockAhead} 条（请校准该电脑的时间）` : ''}`);
      }
      console.log(`共 ${devices.length} 台，待批准 ${devices.filter((d) => d.state === 'pending').length} 台`);
    } else throw new DomainError('invalid', '用法：qingshui devices --data DIR [--json]，或 qingshui devices approve|revoke 设备编号 --data DIR');
  });
}
