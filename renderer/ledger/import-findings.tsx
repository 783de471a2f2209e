import type { Output } from '../../shared/api/index';

type Report = Output<'ledgers.import'>;

/** What a check found besides errors: each update field by field, and what is imported as read but said. */
export function ImportFindings({ report }: { report: Report }) {
  return (
    <>
      {report.changes.length > 0 && (
        <details className="import-changes" open>
          <summary>将更新的记录（{report.changes.length}）</summary>
          <ul>
            {report.changes.slice(0, 50).map((c) => (
              <li key={c.row}>第 {c.row} 行 {c.name}：{c.fields.map((f) => `${f.label} ${f.from} → ${f.to}`).join('；')}</li>
            ))}
          </ul>
          {report.changes.length > 50 && <p className="muted">……共 {report.changes.length} 条</p>}
        </details>
      )}
      {report.warnings.length > 0 && (
        <details className="import-warnings" open={report.warnings.length <= 20}>
          <summary>提示（{report.warnings.length}，照此导入，请核对）</summary>
          <ul className="warnings">{report.warnings.slice(0, 50).map((w) => <li key={`${w.row}-${w.col}-${w.message}`}>{w.message}</li>)}</ul>
          {report.warnings.length > 50 && <p className="muted">……共 {report.warnings.length} 处</p>}
        </details>
      )}
    </>
  );
}
