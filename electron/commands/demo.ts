import { DomainError } from '../../shared/api/result';
import { roleName } from '../../shared/sync/roles';
import { buildDemoWorkspace } from '../core/maintenance';

/** `qingshui demo --data DIR [--seed S] [--scale N] [--inspections N]`: builds the fictional county into an empty workspace. */
export async function demoCommand(dataDir: string, seed: number, scale: number, json: boolean, inspections?: number): Promise<void> {
  if (!Number.isInteger(seed) || seed < 0) throw new DomainError('invalid', '--seed 应为非负整数');
  if (!Number.isInteger(scale) || scale < 1 || scale > 1000) throw new DomainError('invalid', '--scale 应为 1–1000 的整数');
  const started = Date.now();
  const shown = !json && process.stderr.isTTY;
  const s = await buildDemoWorkspace(dataDir, { seed, scale, inspections }, (e) => {
    if (shown && e.type === 'progress') process.stderr.write(`\r${e.phase} ${e.done}/${e.total}`);
  });
  const ms = Date.now() - started;
  if (json) console.log(JSON.stringify({ ...s, ms }));
  else console.log(`${shown ? '\n' : ''}已生成演示县“清水县”：${s.enterprises} 家排污单位、${s.outfalls} 个入河排污口、${s.regions} 个区划、${s.people} 名人员、过去一年 ${s.inspections} 份已定稿的现场检查记录、${s.findings} 个问题（各整改阶段）、${s.complaints} 件信访、${s.cases} 起案件和 1 个已发布的双随机抽查计划（种子 ${seed}，规模 ×${scale}，用时 ${ms} ms）`);
  if (!json) console.log(`演示账号（密码均为 ${s.accounts[0]?.password}）：${s.accounts.map((a) => `${a.user}（${roleName(a.role)}，${a.name}）`).join('、')}`);
  if (!json && s.recoveryCode) console.log(`工作区已加密；命令行以 QINGSHUI_UNLOCK=账号:密码 打开它。恢复码（忘记全部密码时用，只显示这一次）：${s.recoveryCode}`);
}
