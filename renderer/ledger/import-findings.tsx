import type { Output } from '../../shared/api/index';

type Report = Output<'ledgers.import'>;

/** What a check found besides errors: each update field by field, and what is imported as read but said. */
export function ImportFindings({ report }: { report: Report }) {
  const changes = report.changes.length + report.omitted.changes;
  const warnings = report.warnings.length + report.omitted.warnings;
  return (
    <>
      {report.changes.length > 0 && (
        <details className="import-changes" open>
          <summary>将更新的记录（{changes}）</summary>
          <ul>
            {report.changes.slice(0, 50).map((c) => (
              <li key={c.row}>第 {c.row} 行 {c.name}：{c.fields.map((f) => `${f.label} ${f.from} → ${f.to}`).join('；')}</li>
            ))}
          </ul>
          {changes > 50 && <p className="muted">……共 {changes} 条</p>}
        </details>
      )}
      {report.warnings.length > 0 && (
        <details className="import-warnings" open={warnings <= 20}>
          <summary>提示（{warnings}，照此导入，请核对）</summary>
          <ul className="warnings">{report.warnings.slice(0, 50).map((w) => <li key={`${w.row}-${w.col}-${w.message}`}>{w.message}</li>)}</ul>
          {warnings > 50 && <p className="muted">……共 {warnings} 处</p>}
        </details>
      )}
    </>
  );
}
