import type { Case, CaseDetail } from '../../shared/api/cases';
import { DOCUMENT_TITLES } from '../../shared/enforcement/kinds';
import { navigate } from '../router';

const CLOCK_STATES = { open: '进行中', overdue: '已逾期', done: '已完成', late: '逾期完成' } as const;

/** 法定期限: every clock the case has started, its due date, when it was met, and its source. */
export function ClocksCard({ clocks }: { clocks: Case['clocks'] }) {
  if (!clocks.length) return null;
  return (
    <section className="card" aria-label="法定期限">
      <h2>法定期限</h2>
      <table className="plain clock-table">
        <thead><tr><th>环节</th><th>期限</th><th>完成</th><th>状态</th></tr></thead>
        <tbody>
          {clocks.map((c) => (
            <tr key={c.key} title={c.source} data-testid={`clock-${c.key}`}>
              <td>{c.label}</td><td>{c.due}{c.workdays ? '（工作日）' : ''}</td><td>{c.done ?? ''}</td>
              <td className={c.state === 'overdue' || c.state === 'late' ? 'overdue' : ''}>{CLOCK_STATES[c.state]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** 案卷文书: the frozen documents in chain order, each with its 送达, printable; and what may be made next. */
export function DocumentsCard({ caseId, d }: { caseId: string; d: CaseDetail }) {
  return (
    <section className="card" aria-label="执法文书">
      <h2>执法文书</h2>
      {d.documents.length === 0 ? <p className="muted">尚无文书</p> : (
        <table className="plain">
          <thead><tr><th>#</th><th>文书</th><th>文号</th><th>制作日期</th><th>送达</th><th /></tr></thead>
          <tbody>
            {d.documents.map((x) => (
              <tr key={x.id} data-testid="case-document">
                <td>{x.seq}</td><td>{x.title}{x.flag && <span className="tag red" title={x.flag}>无效</span>}</td><td>{x.number}</td><td>{x.at}</td>
                <td>{x.kind === 'inquiry' ? '当场签字' : x.served ? `${x.served.method} ${x.served.at}` : <span className="tag">未送达</span>}</td>
                <td className="buttons"><a href={`#/cases/${caseId}/documents/${x.id}/print`} target="_blank" rel="noreferrer">打印</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {d.documentKinds.length > 0 && (
        <div className="action-buttons">
          {d.documentKinds.map((k) => <button key={k} onClick={() => navigate(`/cases/${caseId}/document/${k}`)}>制作{DOCUMENT_TITLES[k]}</button>)}
        </div>
      )}
    </section>
  );
}
