import { DomainError } from '../../shared/api/result';
import { workspaceFile } from '../core/workbench';
import { openDatabase } from '../store/open';

/** `qingshui check --data DIR [--json]`: every page and index of the workspace database checked. */
export function checkCommand(dataDir: string, json: boolean): void {
  const db = openDatabase(workspaceFile(dataDir), { create: false, verify: true });
  try {
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (json) console.log(JSON.stringify({ ok: problems.length === 0, problems }));
    else console.log(problems.length ? `发现 ${problems.length} 处问题：\n${problems.join('\n')}` : '工作区数据库完整，无错误');
    if (problems.length) throw new DomainError('invalid', '工作区数据库检查未通过，请从备份恢复');
  } finally {
    db.close();
  }
}
