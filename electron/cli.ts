import { parseArgs } from 'node:util';
import { DomainError } from '../shared/api/result';
import { defaultDataDir } from './core/default-workspace';
import { backupCommand, restoreCommand } from './commands/backup';
import { checkCommand } from './commands/check';
import { demoCommand } from './commands/demo';
import { importCommand } from './commands/import';
import { initCommand } from './commands/init';
import { findingsCommand } from './commands/findings';
import { exportCommand, ledgersCommand } from './commands/ledgers';
import { planDrawCommand, planPublishCommand, planVerifyCommand } from './commands/plan';
import { printDocumentCommand, printRecordCommand } from './commands/print-record';
import { casesCommand } from './commands/cases';
import { statsCommand } from './commands/stats';
import { verifyCommand } from './commands/verify';
import { bundleCommand, conflictsCommand, devicesCommand, enrollCommand, syncCommand } from './commands/sync';
import { webCommand } from './commands/web';
import { evidenceCommand } from './commands/evidence';

const USAGE = `用法：qingshui <命令> [选项]
  demo    --data DIR [--seed S] [--scale N] [--inspections N] [--json]
                                                       在空工作区生成演示县（含过去一年的现场检查记录）
  init    --data DIR --bureau 名称 --county-code 6位代码 --county-name 名称   新建空白工作区
  stats   --data DIR [--json]                          各类记录数量
  check   --data DIR [--json]                          检查工作区数据库的每一页和索引
  backup  --data DIR --out FILE                        在线备份工作区
  restore --data DIR --from FILE                       从备份恢复（原工作区另存；加密备份须账号密码或恢复码）
  verify  --data DIR [--json]                          核验每份已定稿检查记录、记录链、照片与签名文件是否被改动
  evidence export ID --data DIR --out FILE.zip           导出一份已定稿笔录的证据包（记录、照片与签名、设备签名、同步中心回执与公钥、说明）
  evidence verify FILE.zip [--hub-key 指纹] [--json]   在任何电脑上核验证据包（无需工作区），改动一个字节即不通过；--hub-key 与本局公布的中心公钥指纹核对
  print-record ID --data DIR --out FILE.pdf            把一份现场检查笔录生成为 PDF（需本机有 Chromium/Chrome/Edge）
  print-document CASE_ID DOC_ID --data DIR --out FILE.pdf  把案卷中的一份执法文书（连同送达回证）生成为 PDF
  cases [CASE_ID] --data DIR [--state S] [--overdue] [--json]  列出案件及其法定期限；给出案件编号时列出其文书与送达
  ledgers [--json]                                     列出台账及其编号
  export LEDGER_ID --data DIR --out FILE.xlsx [--from 日期 --to 日期 --town 镇街代码 … --paper A4|A3 --template 本局模板.xlsx]
                                                       按规定表式（或本局模板）导出台账
  import enterprises|outfalls|findings|boundaries FILE --data DIR [--crs cgcs2000|wgs84|gcj02|bd09] [--sheet NAME] [--prefer sheet|current] [--since DATE] [--dry-run] [--errors OUT.xlsx]
                                                       导入已有的排污单位名录、排污口台账、督察交办问题清单或地图边界 GeoJSON（全部或全不）
  findings --data DIR [--state S] [--town 镇街代码] [--overdue] [--json]
                                                       问题及其整改销号状态（超期由整改时限推算）
  plan draw --data DIR [--seed S] [--plan ID | --name 名称 --matter 事项 --from 日期 --to 日期 --key 25% --general 5% --special 0] [--release] [--json]
                                                       “双随机”抽取检查对象与执法人员（记录随机种子，可复核）
  plan verify PLAN_ID --data DIR [--json]              按记录的随机种子重算抽取结果并比对
  plan publish PLAN_ID --data DIR --date 日期 [--json]  记录抽查结果的公示日期（已检查、尚未公示的对象；日期为实际公示之日）
  enroll  --data DIR --hub URL --user 账号 [--fingerprint SHA256] [--insecure]   把本工作区登记到同步中心（密码在终端输入，或由 QINGSHUI_PASSWORD 给出；https 中心的证书指纹核对后记下；非本机的 http 地址须 --insecure）
  sync    --data DIR [--json]                          与同步中心同步一次（上传、接收变更与照片）
  conflicts --data DIR [--json]                        两处同时修改同一字段而留下的冲突（各方取值并列）
  devices --data DIR [--json] | devices approve|revoke ID --data DIR
                                                       同步中心登记的设备，批准或注销（管理员，在本机上操作）
  bundle export --data DIR --out FILE                  导出同步包（U 盘带到局里）
  bundle import FILE --data DIR                        导入同步中心发回的同步包
  hub …                                                同步中心（qingshui hub --help）
  web     [--data DIR] [--port N] [--tiles FILE.mbtiles] [--empty]
                                                       启动浏览器版（仅本机 127.0.0.1）；--tiles 选用离线底图瓦片包；
                                                       --empty 新工作区留空（由首次同步取得本县数据），否则新建演示县

  QINGSHUI_UNLOCK=账号:密码 打开加密的工作区并以该账号执行命令（未给出时在终端中提示输入）
  QINGSHUI_RECOVERY=恢复码 restore 加密备份时代替账号密码
  QINGSHUI_TODAY=yyyy-mm-dd 可模拟“今天”（用于演练期限、超期）`;

const OPTIONS = {
  data: { type: 'string' }, inspections: { type: 'string' }, seed: { type: 'string' }, scale: { type: 'string' }, json: { type: 'boolean' },
  out: { type: 'string' }, from: { type: 'string' }, port: { type: 'string' }, bureau: { type: 'string' },
  'county-code': { type: 'string' }, to: { type: 'string' }, crs: { type: 'string' }, 'dry-run': { type: 'boolean' }, errors: { type: 'string' }, sheet: { type: 'string' }, prefer: { type: 'string' }, since: { type: 'string' }, town: { type: 'string', multiple: true }, template: { type: 'string' }, paper: { type: 'string' }, 'county-name': { type: 'string' },
  state: { type: 'string' }, overdue: { type: 'boolean' }, plan: { type: 'string' }, name: { type: 'string' }, matter: { type: 'string' },
  hub: { type: 'string' }, user: { type: 'string' }, password: { type: 'string' }, fingerprint: { type: 'string' }, insecure: { type: 'boolean' }, empty: { type: 'boolean' },
  key: { type: 'string' }, 'hub-key': { type: 'string' }, date: { type: 'string' }, general: { type: 'string' }, special: { type: 'string' }, release: { type: 'boolean' }, tiles: { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;

function required(value: string | undefined, flag: string): string {
  if (!value) throw new DomainError('invalid', `缺少参数 --${flag}`);
  return value;
}

function recordId(positionals: string[]): string {
  if (positionals.length !== 1) throw new DomainError('invalid', '请给出一个检查记录编号：qingshui print-record ID --data DIR --out FILE.pdf');
  return positionals[0];
}

function ledgerId(positionals: string[]): string {
  if (positionals.length !== 1) throw new DomainError('invalid', '请给出一个台账编号（qingshui ledgers 可列出）：qingshui export LEDGER_ID --data DIR --out FILE.xlsx');
  return positionals[0];
}

function integer(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new DomainError('invalid', `--${flag} 应为整数，收到“${value}”`);
  return Number(value);
}

// exceljs's zip dependencies call the deprecated Buffer() constructor; a user should not see that warning.
process.noDeprecation = true;

/** Runs one command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // Everything this program writes (workspaces, photos, exports, backups) is its user's only.
  process.umask(0o077);
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') { console.log(USAGE); return command ? 0 : 2; }
  try {
    const { values: v, positionals } = parseArgs({ args: rest, options: OPTIONS, strict: true, allowPositionals: ['print-record', 'print-document', 'cases', 'export', 'import', 'plan', 'bundle', 'devices', 'evidence'].includes(command) });
    switch (command) {
      case 'demo': await demoCommand(required(v.data, 'data'), integer(v.seed, 'seed', 20261129), integer(v.scale, 'scale', 1), !!v.json, v.inspections === undefined ? undefined : integer(v.inspections, 'inspections', 0)); break;
      case 'init': await initCommand(required(v.data, 'data'), required(v.bureau, 'bureau'), required(v['county-code'], 'county-code'), required(v['county-name'], 'county-name')); break;
      case 'stats': await statsCommand(required(v.data, 'data'), !!v.json); break;
      case 'check': await checkCommand(required(v.data, 'data'), !!v.json); break;
      case 'backup': await backupCommand(required(v.data, 'data'), required(v.out, 'out')); break;
      case 'restore': await restoreCommand(required(v.data, 'data'), required(v.from, 'from')); break;
      case 'verify': await verifyCommand(required(v.data, 'data'), !!v.json); break;
      case 'evidence': await evidenceCommand(positionals[0], positionals[1], { dataDir: v.data, out: v.out, json: !!v.json, hubKey: v['hub-key'] }); break;
      case 'print-record': await printRecordCommand(recordId(positionals), required(v.data, 'data'), required(v.out, 'out')); break;
      case 'print-document': {
        if (positionals.length !== 2) throw new DomainError('invalid', '请给出案件编号和文书编号：qingshui print-document CASE_ID DOC_ID --data DIR --out FILE.pdf（qingshui cases CASE_ID --data DIR 列出文书）');
        await printDocumentCommand(positionals[0], positionals[1], required(v.data, 'data'), required(v.out, 'out'));
        break;
      }
      case 'cases': await casesCommand({ dataDir: required(v.data, 'data'), id: positionals[0], state: v.state, overdue: !!v.overdue, json: !!v.json }); break;
      case 'ledgers': ledgersCommand(!!v.json); break;
      case 'export': await exportCommand({ ledgerId: ledgerId(positionals), dataDir: required(v.data, 'data'), out: required(v.out, 'out'), from: v.from, to: v.to, towns: v.town, template: v.template, paper: v.paper, json: !!v.json }); break;
      case 'import':
        if (positionals.length !== 2) throw new DomainError('invalid', '用法：qingshui import enterprises|outfalls|findings|boundaries FILE --data DIR [--crs cgcs2000|wgs84|gcj02|bd09] [--sheet NAME] [--dry-run] [--errors OUT.xlsx]');
        await importCommand({ kind: positionals[0], file: positionals[1], dataDir: required(v.data, 'data'), crs: v.crs, dryRun: !!v['dry-run'], errors: v.errors, sheet: v.sheet, prefer: v.prefer, since: v.since, json: !!v.json });
        break;
      case 'findings': await findingsCommand({ dataDir: required(v.data, 'data'), state: v.state, town: v.town?.[0], overdue: !!v.overdue, json: !!v.json }); break;
      case 'plan': {
        const [sub, ...args] = positionals;
        if (sub === 'draw' && args.length === 0) {
          await planDrawCommand({ dataDir: required(v.data, 'data'), seed: v.seed, plan: v.plan, name: v.name, matter: v.matter, from: v.from, to: v.to, key: v.key, general: v.general, special: v.special, release: !!v.release, json: !!v.json });
        } else if (sub === 'verify' && args.length === 1) await planVerifyCommand(args[0], required(v.data, 'data'), !!v.json);
        else if (sub === 'publish' && args.length === 1) await planPublishCommand(args[0], required(v.data, 'data'), required(v.date, 'date'), !!v.json);
        else throw new DomainError('invalid', '用法：qingshui plan draw --data DIR --seed S …、qingshui plan verify PLAN_ID --data DIR 或 qingshui plan publish PLAN_ID --data DIR --date 日期');
        break;
      }
      case 'enroll': await enrollCommand(required(v.data, 'data'), required(v.hub, 'hub'), required(v.user, 'user'), v.password, !!v.json, { fingerprint: v.fingerprint, insecure: !!v.insecure }); break;
      case 'sync': await syncCommand(required(v.data, 'data'), !!v.json); break;
      case 'conflicts': await conflictsCommand(required(v.data, 'data'), !!v.json); break;
      case 'devices': await devicesCommand(positionals[0], positionals[1], required(v.data, 'data'), !!v.json); break;
      case 'bundle': await bundleCommand(positionals[0], positionals[1], required(v.data, 'data'), v.out, !!v.json); break;
      case 'web': await webCommand(v.data ?? defaultDataDir(), v.port === undefined ? undefined : integer(v.port, 'port', 0), v.tiles, !!v.empty); break;
      default: console.error(`未知命令“${command}”。\n${USAGE}`); return 2;
    }
    return 0;
  } catch (e) {
    const err = e as Error & { code?: string };
    if (e instanceof DomainError) console.error(`错误：${e.message}`);
    else if (err.code?.startsWith('ERR_PARSE_ARGS')) console.error(`参数错误：${err.message.replace(/^Unknown option '(.+?)'.*$/s, '未知选项 $1').replace(/^Option '(.+?)' argument missing.*$/s, '选项 $1 缺少取值')}\n${USAGE}`);
    else console.error(`错误：${err.message}`);
    return e instanceof DomainError && e.code === 'not_found' ? 3 : 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
