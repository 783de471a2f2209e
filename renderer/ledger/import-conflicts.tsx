import { shownTime } from '../../shared/domain/local-time';
import type { Output } from '../../shared/api/index';

type Report = Output<'ledgers.import'>;
type Decision = 'sheet' | 'current';


/**
 * 冲突: fields changed both in the sheet and here since the export (or since the file was saved), side
 * by side — the sheet's value, the current one, who changed it and when; nothing is written until each
 * is decided (one by one, or all one way).
 */
export function ImportConflicts({ report, decide, decideAll }: {
  report: Report; decide: (choices: Record<string, Decision>) => void;
  /** All of them one way, those not listed too (a sheet with more than the report lists). */
  decideAll: (d: Decision) => void;
}) {
  if (!report.conflicts.length) return null;
  const total = report.conflicts.length + report.omitted.conflicts;
  const all = (d: Decision) => (report.omitted.conflicts ? decideAll(d) : decide(Object.fromEntries(report.conflicts.map((c) => [`${c.row}:${c.key}`, d]))));
  return (
    <section className="import-conflicts" aria-label="导入冲突">
      <p className="banner warning" role="alert">
        有 {total} 处冲突{report.omitted.conflicts > 0 && `（下表列出前 ${report.conflicts.length} 处，其余请用“全部”按钮决定）`}：表中的值与本机的现值都在{report.exportedAt ? `导出（${shownTime(report.exportedAt)}）` : '文件保存'}之后改过。请逐项决定，决定前不写入任何数据。
      </p>
      <div className="actions">
        <button type="button" onClick={() => all('sheet')}>全部用表中的值</button>
        <button type="button" onClick={() => all('current')}>全部保留现值</button>
      </div>
      <table className="plain conflicts">
        <thead><tr><th>行</th><th>记录</th><th>字段</th><th>表中</th><th>现值</th><th>现值修改人 / 时间</th><th>采用</th></tr></thead>
        <tbody>
          {report.conflicts.map((c) => (
            <tr key={`${c.row}:${c.key}`} data-testid="conflict">
              <td>{c.row}</td><td>{c.name}</td><td>{c.label}</td><td className="sheet">{c.sheet}</td><td className="current">{c.current}</td>
              <td>{c.by}　{shownTime(c.at) || '—'}</td>
              <td>
                <button type="button" className="link" onClick={() => decide({ [`${c.row}:${c.key}`]: 'sheet' })}>用表中</button>
                <button type="button" className="link" onClick={() => decide({ [`${c.row}:${c.key}`]: 'current' })}>保留现值</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
