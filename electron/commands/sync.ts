import { DomainError } from '../../shared/api/result';
import { createWorkbench } from '../core/workbench';
import { refoldTouched, syncNow } from '../services/sync';
import { exportDeviceBundle, importDeviceBundle } from '../services/sync/bundle';
import { entityName } from '../../shared/sync/entity-names';
import { listConflicts } from '../services/sync/conflicts';
import { listDuplicates } from '../store/duplicates';
import { enroll } from '../services/sync/enroll';
import { DEVICE_STATES } from '../../shared/sync/roles';
import { PASSWORD_ENV, PASSWORD_FLAG_REFUSED, passwordInput } from '../../shared/cli/password';

function withWorkbench<T>(dataDir: string, fn: (wb: ReturnType<typeof createWorkbench>) => Promise<T> | T, create = false): Promise<T> {
  const wb = createWorkbench({ dataDir, actor: 'system', create });
  return Promise.resolve().then(() => fn(wb)).finally(() => wb.close());
}

/** `qingshui enroll --data DIR --hub URL --user U` (password from the terminal or QINGSHUI_PASSWORD): registers this workspace with a hub (a new, empty one when the folder has none: the first sync fills it). */
export async function enrollCommand(dataDir: string, hub: string, user: string, password: string | undefined, json: boolean, tls: { fingerprint?: string; insecure?: boolean } = {}): Promise<void> {
  if (password !== undefined) throw new DomainError('invalid', PASSWORD_FLAG_REFUSED);
  const pw = await passwordInput(`同步中心账号 ${user} `, process.env, process.stdin, process.stderr);
  if (!pw) throw new DomainError('invalid', `缺少密码：请在终端运行并按提示输入，或设置环境变量 ${PASSWORD_ENV}`);
  await withWorkbench(dataDir, async (wb) => {
    const r = await enroll(wb.store, hub, user, pw, tls);
    if (json) { console.log(JSON.stringify(r)); return; }
    if (r.fingerprint) console.log(`同步中心证书指纹（SHA-256）：${r.fingerprint}${r.trusted ? '（由本机信任的证书机构签发）' : '（自签名：请与同步中心管理员核对，已记下，今后只认此证书）'}`);
    console.log(r.state === 'approved' ? `已登记到同步中心：设备 ${r.deviceId}，节点 ${r.node}` : `已提交登记：设备 ${r.deviceId}（节点 ${r.node}），待管理员批准（管理员在其电脑的“同步 → 设备管理”中批准，或 qingshui devices approve ${r.deviceId}）`);
  }, true);
}

/** `qingshui sync --data DIR [--json]`: one sync with the enrolled hub. */
export async function syncCommand(dataDir: string, json: boolean): Promise<void> {
  await withWorkbench(dataDir, async (wb) => {
    const { raw: _raw, ...r } = await syncNow(wb.ctx);
    if (json) { console.log(JSON.stringify(r)); return; }
    console.log(`已同步：上传变更 ${r.pushed} 条${r.quarantined ? `（被隔离 ${r.quarantined} 条）` : ''}，接收变更 ${r.applied} 条${r.snapshotRecords ? `（首次同步快照 ${r.snapshotRecords} 条记录）` : ''}，上传文件 ${r.blobsUp} 个，接收文件 ${r.blobsDown} 个`
      + `${r.mediaPending ? `，待接收照片 ${r.mediaPending} 个` : ''}${r.conflictsNoticed ? `；新冲突 ${r.conflictsNoticed} 处（qingshui conflicts 查看）` : ''}${r.drifted ? `；时钟超前的变更 ${r.drifted} 条` : ''}`);
  });
}

/**
 * `qingshui conflicts --data DIR [--json]`: fields changed concurrently, every value side by side;
 * and codes meant to be unique that two records hold (`duplicates`).
 */
export async function conflictsCommand(dataDir: string, json: boolean): Promise<void> {
  await withWorkbench(dataDir, (wb) => {
    const conflicts = listConflicts(wb.store.db).map((c) => ({ ...c, entityName: entityName(c.entity) }));
    const duplicates = listDuplicates(wb.store.db);
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
  await withWorkbench(dataDir, (wb) => {
    if (sub === 'export' && out) {
      const r = exportDeviceBundle(wb.store, out);
      console.log(json ? JSON.stringify(r) : r.summary);
    } else if (sub === 'import' && file) {
      const r = importDeviceBundle(wb.store, file);
      refoldTouched(wb.ctx, r.report.touched);
      const { report: _r, ...figures } = r;
      console.log(json ? JSON.stringify(figures) : r.summary);
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
  await withWorkbench(dataDir, async (wb) => {
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
