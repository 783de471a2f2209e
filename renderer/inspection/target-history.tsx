import { useEffect, useState } from 'react';
import type { Finding } from '../../shared/api/findings';
import type { InspectionSummary } from '../../shared/api/inspections';
import type { TargetKind } from '../../shared/checklist/template';
import { FINDING_STATE_LABELS } from '../../shared/finding/states';
import { INSPECTION_STATE_LABELS } from '../../shared/inspection/notice';
import { call } from '../api';
import { navigate } from '../router';

/** A target's inspection history and the problems they raised, with 开始检查 from here. */
export function TargetInspections({ kind, id, name }: { kind: TargetKind; id: string; name: string }) {
  const [inspections, setInspections] = useState<{ total: number; rows: InspectionSummary[] } | null>(null);
  const [findings, setFindings] = useState<{ total: number; rows: Finding[] } | null>(null);
  useEffect(() => {
    void call('inspections.list', { targetKind: kind, targetId: id, limit: 20 }).then(setInspections);
    void call('findings.list', { targetKind: kind, targetId: id, limit: 20 }).then(setFindings);
  }, [kind, id]);
  return (
    <>
      <section className="card" aria-label="现场检查">
        <div className="card-head">
          <h2>现场检查（{inspections?.total ?? '…'}）</h2>
          <button className="primary" onClick={() => navigate(`/inspections/new?kind=${kind}&target=${id}&name=${encodeURIComponent(name)}`)}>开始检查</button>
        </div>
        {inspections && inspections.rows.length === 0 && <p className="muted">尚无检查记录</p>}
        <ul className="links">
          {inspections?.rows.map((r) => (
            <li key={r.id}><a href={`#/inspections/${r.id}`}>{(r.startedAt ?? '').slice(0, 10)} {r.templateName}</a>
              <small> {r.officerNames} · <span className={`tag insp-${r.state}`}>{INSPECTION_STATE_LABELS[r.state]}</span>{r.failingCount ? <span className="tag red">不符合 {r.failingCount}</span> : null}</small></li>
          ))}
        </ul>
      </section>
      <section className="card" aria-label="问题">
        <h2>问题（{findings?.total ?? '…'}）</h2>
        {findings && findings.rows.length === 0 && <p className="muted">无</p>}
        <ul className="links">
          {findings?.rows.map((f) => (
            <li key={f.id}><a href={`#/findings/${f.id}`}>{f.description}</a> <span className={`tag fs-${f.state}`}>{FINDING_STATE_LABELS[f.state]}</span>{f.overdue && <span className="tag red">超期</span>}
              <small> · 责任人 {f.responsiblePerson} · 时限 {f.deadline} · {f.sourceId ? <a href={`#/inspections/${f.sourceId}`}>来源检查</a> : f.sourceKind}</small></li>
          ))}
        </ul>
      </section>
    </>
  );
}
