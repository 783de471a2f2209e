import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HUB_ROLES } from '../shared/sync/roles';
import { PASSWORD_ENV, PASSWORD_FLAG_REFUSED, passwordInput } from '../shared/cli/password';
import { buildHub } from './routes/server';
import { listDevices, setDeviceState } from './services/accounts';
import { exportHubBundle, importHubBundle } from './services/bundles';
import { HubRefusal } from './services/hub-error';
import { openHubDb } from './services/open-hub';
import { quarantineList, releaseQuarantined } from './services/quarantine';
import { auditListing } from './services/audit';
import { auditActionLabel } from '../shared/auth/audit-actions';
import { hubTls } from './services/tls';
import { addUser, disableUser, listUsers, updateUser } from './services/users';
import { isLoopbackHost } from '../shared/sync/loopback';
import { createHash } from 'node:crypto';
import { hubKeys } from './services/keys';
import { backupHub, RESTORING, restoreHub } from './services/backup';
import { existsSync, readFileSync } from 'node:fs';
import { notePid } from './services/pid-file';
import { DEFAULT_LOG, hubLog, MIN_LOG_DAYS, type LogOptions } from './services/hub-log';
import { hubStatus, statusText } from './services/status';

const USAGE = `用法：qingshui hub <命令> --data DIR [--database postgres://…]
  start   --data DIR --port N [--host 127.0.0.1] [--database postgres://用户:密码@主机/库] [--cert FILE --key FILE]
          [--blob-store folder|database] [--log-max-mb 50] [--log-keep-days 180]
          文件（照片、录音录像、签名）存放在数据文件夹（默认）或数据库中（database：多个同步中心进程共用一个 PostgreSQL，无需共享磁盘）
          日志 hub.log 每天及超过大小时轮转、压缩，保留天数不少于 180（网络安全法第二十一条）
          启动同步中心（默认 SQLite）；监听本机以外的地址时走 HTTPS：用局里的证书，或首次启动时自动生成自签名证书并打印其指纹
  user add 用户名 --role admin|bureau|inspector|town [--towns 镇街代码,…] [--display 姓名]   （密码在终端输入，或由 QINGSHUI_PASSWORD 给出）
                                                  新建账号（密码也可由环境变量 QINGSHUI_PASSWORD 给出）
  user list [--json]                              列出账号
  user set 用户名 [--role R] [--towns 镇街代码,…] [--display 姓名] [--new-password]
                                                  修改账号的角色、负责镇街（其电脑下次同步时取得新增镇街的记录）、姓名或密码
  user disable 用户名 | user enable 用户名          停用账号（其设备一并注销）/ 重新启用（设备需重新登记）
  device list [--json] | device approve ID | device revoke ID     设备登记的批准与注销
  bundle import FILE                              导入笔记本电脑导出的同步包（U 盘）
  bundle export --device ID --out FILE            为某台设备导出回执同步包
  audit list [--device ID] [--limit N] [--json]    各设备上传的审计日志（登录、查看个人信息、导出、权限变更…），按设备成链
  quarantine list [--json]                        列出隔离的变更（超出账号角色或镇街范围、已定稿文书的另一版本）
  quarantine release 变更号 [--by 管理员]          放行一条隔离的变更（连同该设备对同一记录更早被隔离的变更）
  status [--json]                                 运行状况：纪元、同步序号、各设备落后条数、隔离区、文件存储大小、最近备份
  backup --out DIR [--json]                       在线备份（服务不停）：数据库（SQLite 备份接口 / pg_dump）、密钥、证书和全部文件
  restore DIR [--json]                            从备份恢复（须先停止同步中心）；开始新的纪元：各台电脑下次同步时从恢复点重新上传和下载`;

const OPTIONS = {
  data: { type: 'string' }, database: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, role: { type: 'string' },
  towns: { type: 'string' }, display: { type: 'string' }, password: { type: 'string' }, 'new-password': { type: 'boolean' }, cert: { type: 'string' }, key: { type: 'string' }, json: { type: 'boolean' }, device: { type: 'string' },
  out: { type: 'string' }, by: { type: 'string' }, limit: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  'log-max-mb': { type: 'string' }, 'log-keep-days': { type: 'string' }, 'blob-store': { type: 'string' },
} as const;

/** --log-max-mb and --log-keep-days, checked (logs are kept six months at least: 网络安全法 第二十一条). */
function logOptions(maxMb: string | undefined, keepDays: string | undefined): LogOptions {
  const mb = Number(maxMb ?? DEFAULT_LOG.maxMb);
  const days = Number(keepDays ?? DEFAULT_LOG.keepDays);
  if (!Number.isInteger(mb) || mb < 1 || mb > 10_240) throw new HubRefusal(400, 'invalid', '--log-max-mb 应为 1–10240 的整数');
  if (!Number.isInteger(days) || days < MIN_LOG_DAYS || days > 3650) throw new HubRefusal(400, 'invalid', `--log-keep-days 应为 ${MIN_LOG_DAYS}–3650 的整数（网络安全法第二十一条：网络日志留存不少于六个月）`);
  return { maxMb: mb, keepDays: days };
}

function need(v: string | undefined, flag: string): string {
  if (!v) throw new HubRefusal(400, 'invalid', `缺少参数 --${flag}`);
  return v;
}

async function start(dir: string, database: string | undefined, host: string, port: number, certFile?: string, keyFile?: string, logOpts = DEFAULT_LOG, blobStore?: string): Promise<number> {
  if (existsSync(join(dir, RESTORING))) {
    throw new HubRefusal(409, 'restoring', `上次从备份恢复未完成（${readFileSync(join(dir, RESTORING), 'utf8').trim()}）：请重新运行 qingshui hub restore，完成后再启动`);
  }
  const forgetPid = notePid(dir);
  const tls = await hubTls(dir, host, certFile, keyFile);
  const db = await openHubDb(dir, database);
  const { log, close: closeLog } = hubLog(dir, logOpts);
  const app = await buildHub(db, dir, log, tls, { blobStore });
  let url: string;
  try {
    url = await app.listen({ host, port });
  } catch (e) {
    await db.close();
    forgetPid();
    const code = (e as { code?: string }).code;
    throw new HubRefusal(400, 'listen', code === 'EADDRINUSE' ? `端口 ${port} 已被占用（另一个同步中心或程序在用），请换一个 --port` : `无法在 ${host}:${port} 上监听：${(e as Error).message}`);
  }
  // Listening for the stop before saying it started: a supervisor may stop it the moment it reads that line.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'hub stopping');
      void app.close().then(() => db.close()).then(() => { forgetPid(); log.info('hub stopped'); return closeLog(); }).then(() => resolve());
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  console.log(`清水同步中心已启动：${url.replace('[::1]', '127.0.0.1')}（${db.kind === 'pg' ? 'PostgreSQL' : 'SQLite'}；日志 ${join(dir, 'hub.log')}）`);
  if (tls) console.log(`证书指纹（SHA-256）：${tls.fingerprint}${tls.selfSigned ? `（自签名证书，在 ${join(dir, 'tls')}；请把此指纹告诉登记的各台电脑核对）` : ''}`);
  else if (!isLoopbackHost(host)) console.log('警告：未加密（http），账号密码和记录以明文传输');
  // What a court compares an evidence package's receipt with (`qingshui evidence verify --hub-key`).
  const signing = await hubKeys(dir, db);
  console.log(`回执签名公钥指纹（证据包核验用，请公布）：${createHash('sha256').update(Buffer.from(signing.publicKey, 'base64')).digest('hex').toUpperCase().match(/../g)!.join(':')}`);
  log.info({ url, database: db.kind }, 'hub started');
  await stopped;
  return 0;
}

/** Runs one `qingshui hub …` command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // Everything the hub writes (its database, keys, photos, logs) is its owner's only.
  process.umask(0o077);
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') { console.log(USAGE); return command ? 0 : 2; }
  try {
    const { values: v, positionals: p } = parseArgs({ args: rest, options: OPTIONS, strict: true, allowPositionals: true });
    if (v.password !== undefined) { console.error(`错误：${PASSWORD_FLAG_REFUSED}`); return 2; }
    const dir = need(v.data, 'data');
    if (command === 'start') return await start(dir, v.database, v.host ?? '127.0.0.1', Number(need(v.port, 'port')), v.cert, v.key, logOptions(v['log-max-mb'], v['log-keep-days']), v['blob-store']);
    if (command === 'restore') {
      const r = await restoreHub(dir, v.database, need(p[0], '备份文件夹'));
      console.log(v.json ? JSON.stringify(r) : `已从 ${r.backupAt} 的备份恢复（同步序号 ${r.hubSeq}，文件 ${r.files} 个）；第 ${r.epoch.n} 纪元开始：各台电脑下次同步时从恢复点重新上传本机的变更并重新下载`);
      return 0;
    }
    const db = await openHubDb(dir, v.database);
    try {
      const sub = p[0];
      if (command === 'user' && sub === 'add') {
        const password = await passwordInput(`账号 ${need(p[1], '用户名')} `, process.env, process.stdin, process.stderr);
        if (!password) throw new HubRefusal(400, 'invalid', `缺少密码：请在终端运行并按提示输入，或设置环境变量 ${PASSWORD_ENV}`);
        const u = await addUser(db, { name: need(p[1], '用户名'), display: v.display, role: need(v.role, 'role'), towns: v.towns ? v.towns.split(',').map((t) => t.trim()).filter(Boolean) : [], password });
        console.log(v.json ? JSON.stringify(u) : `已新建账号 ${u.name}（${HUB_ROLES[u.role]}${u.towns.length ? `，镇街 ${u.towns.join('、')}` : ''}）`);
      } else if (command === 'user' && sub === 'list') {
        const users = await listUsers(db);
        console.log(v.json ? JSON.stringify({ users }) : users.map((u) => `${u.name}\t${HUB_ROLES[u.role]}\t${u.towns.join(',')}\t${u.disabled ? '已停用' : '正常'}`).join('\n'));
      } else if (command === 'user' && sub === 'set') {
        // A new password only when asked for (--new-password), from the environment or the terminal.
        const password = v['new-password'] ? await passwordInput(`账号 ${need(p[1], '用户名')} 的新`, process.env, process.stdin, process.stderr) : undefined;
        if (v['new-password'] && !password) throw new HubRefusal(400, 'invalid', `缺少新密码：请在终端运行并按提示输入，或设置环境变量 ${PASSWORD_ENV}`);
        const u = await updateUser(db, need(p[1], '用户名'), { role: v.role, display: v.display, password, towns: v.towns === undefined ? undefined : v.towns.split(',').map((t) => t.trim()).filter(Boolean) });
        console.log(v.json ? JSON.stringify(u) : `已修改账号 ${u.name}（${HUB_ROLES[u.role]}${u.towns.length ? `，镇街 ${u.towns.join('、')}` : ''}）`);
      } else if (command === 'user' && sub === 'enable') {
        const u = await updateUser(db, need(p[1], '用户名'), { disabled: false });
        console.log(`已重新启用账号 ${u.name}；其被注销的设备需重新登记`);
      } else if (command === 'user' && sub === 'disable') {
        await disableUser(db, need(p[1], '用户名'));
        console.log(`已停用账号 ${p[1]}，其设备已注销`);
      } else if (command === 'device' && sub === 'list') {
        const devices = await listDevices(db);
        console.log(v.json ? JSON.stringify({ devices }) : devices.map((d) => `${d.id}\t${d.user}\t${d.name}\t${d.state}\t${d.lastSeenAt ?? '未同步'}${d.clockAhead ? `\t时钟超前的变更 ${d.clockAhead} 条（请校准该电脑的时间）` : ''}`).join('\n'));
      } else if (command === 'device' && (sub === 'approve' || sub === 'revoke')) {
        const d = await setDeviceState(db, need(p[1], '设备编号'), sub === 'approve' ? 'approved' : 'revoked');
        console.log(`设备 ${d.id}（${d.user}，${d.name}）${sub === 'approve' ? '已批准' : '已注销'}`);
      } else if (command === 'bundle' && sub === 'import') {
        const report = await importHubBundle(db, dir, need(p[1], '同步包文件'));
        console.log(v.json ? JSON.stringify(report) : report.summary);
      } else if (command === 'bundle' && sub === 'export') {
        const report = await exportHubBundle(db, dir, need(v.device, 'device'), need(v.out, 'out'));
        console.log(v.json ? JSON.stringify(report) : report.summary);
      } else if (command === 'audit' && sub === 'list') {
        const limit = Number(v.limit ?? 500);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw new HubRefusal(400, 'invalid', '--limit 应为 1–100000 的整数');
        const entries = await auditListing(db, limit, v.device);
        console.log(v.json ? JSON.stringify({ entries }) : entries.map((e) => `${e.receivedAt}\t${e.deviceId}#${e.seq}\t${e.at}\t${e.account ?? ''}\t${auditActionLabel(e.action)}\t${[e.entity, e.entityId].filter(Boolean).join(' ')}`).join('\n') || '尚无审计日志');
      } else if (command === 'status') {
        const st = await hubStatus(dir, db);
        console.log(v.json ? JSON.stringify(st) : statusText(st));
      } else if (command === 'backup') {
        const m = await backupHub(dir, db, need(v.out, 'out'));
        console.log(v.json ? JSON.stringify(m) : `已备份到 ${v.out}：同步序号 ${m.hubSeq}，文件 ${m.files} 个（${(m.fileBytes / 1024 ** 2).toFixed(1)} MB），第 ${m.epoch.n} 纪元`);
      } else if (command === 'quarantine' && sub === 'list') {
        const items = await quarantineList(db);
        console.log(v.json ? JSON.stringify({ items }) : items.map((x) => `${x.cid}\t${x.user ?? ''}\t${x.entity} ${x.entityId}\t${x.reason}`).join('\n') || '隔离区为空');
      } else if (command === 'quarantine' && sub === 'release') {
        const result = await db.tx((q) => releaseQuarantined(q, need(p[1], '变更号'), v.by ?? '命令行'));
        console.log(v.json ? JSON.stringify(result) : `已放行 ${result.released.length} 条变更：${result.released.join('、')}（各设备下次同步时收到）`);
      } else {
        console.error(USAGE);
        return 2;
      }
      return 0;
    } finally {
      await db.close();
    }
  } catch (e) {
    if (e instanceof HubRefusal) { console.error(`错误：${e.message}`); return 1; }
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) { console.error(`错误：${(e as Error).message}\n${USAGE}`); return 2; }
    throw e;
  }
}
