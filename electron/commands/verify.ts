import { DomainError } from '../../shared/api/result';
import { verifyWorkspaceAt } from '../core/maintenance';

/**
 * `qingshui verify --data DIR [--json]`: every signed record, its chain link, every photo and
 * signature file and every checklist version checked against its SHA-256; anything altered is named.
 */
export async function verifyCommand(dataDir: string, json: boolean): Promise<void> {
  // Read as it is on disk: the workbench would seed built-in templates first and could hide a removed one.
  const report = await verifyWorkspaceAt(dataDir);
  if (json) console.log(JSON.stringify({ ok: report.problems.length === 0, ...report }));
  else {
    console.log(`已核验：检查记录 ${report.records} 份（${report.chains} 条设备记录链；设备签名 ${report.signed} 份，同步中心回执 ${report.countersigned} 份），照片与签名文件 ${report.blobs} 个，检查表模板 ${report.templates} 个版本，用时 ${report.seconds.toFixed(1)} 秒`);
    for (const p of report.problems) console.log(`  ✗ ${p.message}`);
    if (!report.problems.length) console.log('全部完好：没有发现任何改动');
  }
  if (report.problems.length) throw new DomainError('invalid', `发现 ${report.problems.length} 处改动或缺失，请从备份恢复并查明原因`);
}
