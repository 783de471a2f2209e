import { DomainError } from '../../shared/api/result';
import { checkWorkspace } from '../core/maintenance';

/** `qingshui check --data DIR [--json]`: every page and index of the workspace database checked. */
export async function checkCommand(dataDir: string, json: boolean): Promise<void> {
  const { ok, problems } = await checkWorkspace(dataDir);
  if (json) console.log(JSON.stringify({ ok, problems }));
  else console.log(problems.length ? `发现 ${problems.length} 处问题：\n${problems.join('\n')}` : '工作区数据库完整，无错误');
  if (!ok) throw new DomainError('invalid', '工作区数据库检查未通过，请从备份恢复');
}
