import { shownTime } from '../../shared/domain/local-time';
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '../../shared/api/auth';
import { call, exportUrl } from '../api';

const PAGE = 50;

/** 审计日志 (administrators): sign-ins, locks, reveals, exports, permission changes; exported as xlsx. */
export function AuditSection() {
  const [page, setPage] = useState<{ rows: AuditEntry[]; total: number; chainIntact: boolean } | null>(null);
  const [offset, setOffset] = useState(0);
  const [file, setFile] = useState<string | null>(null);
  const load = useCallback(() => { void call('audit.list', { offset, limit: PAGE }).then(setPage); }, [offset]);
  useEffect(load, [load]);
  const exportAll = async () => { const r = await call('audit.export', {}); setFile(r.file.name); load(); };
  return (
    <section className="card" aria-label="审计日志">
      <h2>审计日志<button className="link right" onClick={() => void exportAll()}>导出 Excel</button></h2>
      {file && <p className="banner ok">已导出：<a href={exportUrl(file)}>{file}</a></p>}
      {page && !page.chainIntact && <p className="banner error">审计日志的哈希链断裂：有记录被改动或删除</p>}
      {page && (
        <>
          <p className="muted">共 {page.total} 条，保存不少于 180 天{page.chainIntact ? '，哈希链完整' : ''}。</p>
          <table className="grid">
            <thead><tr><th>时间</th><th>账号</th><th>人员</th><th>事件</th><th>对象</th><th>详情</th></tr></thead>
            <tbody>{page.rows.map((r) => (
              <tr key={r.seq}>
                <td>{shownTime(r.at)}</td><td>{r.account ?? ''}</td><td>{r.personName}</td><td>{r.actionLabel}</td>
                <td>{[r.entity, r.entityId].filter(Boolean).join(' ')}</td><td className="muted">{Object.keys(r.detail).length ? JSON.stringify(r.detail).slice(0, 120) : ''}</td>
              </tr>
            ))}</tbody>
          </table>
          <div className="form-actions">
            <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>上一页</button>
            <button disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>下一页</button>
          </div>
        </>
      )}
    </section>
  );
}
