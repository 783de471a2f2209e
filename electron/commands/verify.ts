import { DomainError } from '../../shared/api/result';
import { workspaceFile } from '../core/workbench';
import { blobDirOf } from '../store/blob-store';
import { openDatabase } from '../store/open';
import { verifyWorkspace } from '../store/verify-records';

/**
 * `qingshui verify --data DIR [--json]`: every signed record, its chain link, every photo and
 * signature file and every checklist version checked against its SHA-256; anything altered is named.
 */
export function verifyCommand(dataDir: string, json: boolean): void {
  const file = workspaceFile(dataDir);
  const db = openDatabase(file, { create: false });
  try {
    const started = performance.now();
    const report = verifyWorkspace(db, blobDirOf(file));
    const seconds = (performance.now() - started) / 1000;
    if (json) console.log(JSON.stringify({ ok: report.problems.length === 0, ...report, seconds: Number(seconds.toFixed(2)) }));
    else {
      console.log(`已核验：检查记录 ${report.records} 份（${report.chains} 条设备记录链），照片与签名文件 ${report.blobs} 个，检查表模板 ${report.templates} 个版本，用时 ${seconds.toFixed(1)} 秒`);
      for (const p of report.problems) console.log(`  ✗ ${p.message}`);
      if (!report.problems.length) console.log('全部完好：没有发现任何改动');
    }
    if (report.problems.length) throw new DomainError('invalid', `发现 ${report.problems.length} 处改动或缺失，请从备份恢复并查明原因`);
  } finally {
    db.close();
  }
}
