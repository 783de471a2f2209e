import { useCallback, useEffect, useState } from 'react';
import { FINDING_SOURCES } from '../../shared/api/findings';
import type { Person } from '../../shared/api/people';
import { DEADLINE_BAND_LABELS } from '../../shared/checklist/deadline-band';
import { FINDING_EVENT_LABELS, FINDING_STATE_LABELS, type FindingEventKind } from '../../shared/finding/states';
import { call } from '../api';
import { EventTimeline } from '../closed-loop/event-timeline';
import { findingActionSpecs } from './finding-actions';
import { RecordActions, useRecordPage } from '../closed-loop/record-actions';
import { Detail } from '../components/field';
import { navigate } from '../router';

/** The steps of close-out, in order, for the progress line at the top of a finding. */
const STEPS = ['open', 'rectifying', 'submitted', 'rechecked', 'accepted', 'noticed', 'closed'] as const;

/** One finding: where it stands in close-out (销号), its timeline with evidence, and what may be done now. */
export function FindingPage({ id }: { id: string }) {
  const { data: d, set: setD, error } = useRecordPage(useCallback(() => call('findings.get', { id }), [id]));
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => { void call('people.list', {}).then(setPeople); }, []);
  if (error) return <div className="page"><p className="banner error">{error}</p></div>;
  if (!d) return <div className="page muted">加载中…</div>;
  const f = d.finding;
  const specs = findingActionSpecs(d, people);
  const stepIndex = STEPS.indexOf(f.state === 'reopened' ? 'rectifying' : f.state);
  return (
    <div className="page detail-page">
      <header className="page-head">
        <button className="link" onClick={() => navigate('/findings')}>← 返回问题列表</button>
        <h1>{f.description}</h1>
        <span className={`tag fs-${f.state}`} data-testid="finding-state">{FINDING_STATE_LABELS[f.state]}</span>
        {f.overdue && <span className="tag red">超期</span>}
        {f.reopenCount > 0 && <span className="tag red">反弹 {f.reopenCount} 次</span>}
        {f.flagCount > 0 && <span className="tag red">{f.flagCount} 条办理记录未生效</span>}
      </header>
      <ol className="steps" aria-label="销号进度">
        {STEPS.map((s, i) => <li key={s} className={i < stepIndex || f.state === 'closed' ? 'done' : i === stepIndex ? 'current' : ''}>{FINDING_STATE_LABELS[s]}</li>)}
      </ol>
      <div className="detail-layout">
        <div>
          <section className="card">
            <h2>问题情况</h2>
            <dl className="details">
              <Detail label="问题编号">{f.findingNo}</Detail>
              <Detail label="问题来源">{f.sourceKind === 'inspection' && f.sourceId ? <a href={`#/inspections/${f.sourceId}`}>{FINDING_SOURCES.inspection}</a> : FINDING_SOURCES[f.sourceKind as keyof typeof FINDING_SOURCES] ?? f.sourceKind}</Detail>
              <Detail label="发现日期">{f.foundAt}</Detail>
              <Detail label="对象">{f.targetId && f.targetKind !== 'site' ? <a href={`#/${f.targetKind}s/${f.targetId}`}>{f.targetName}</a> : f.targetName}</Detail>
              <Detail label="属地镇街">{f.townName}</Detail>
              <Detail label="整改时限">{f.deadline}{d.originalDeadline !== f.deadline ? `（原 ${d.originalDeadline}）` : ''} · {DEADLINE_BAND_LABELS[f.deadlineBand]}</Detail>
              <Detail label="责任单位">{f.responsibleUnit}</Detail>
              <Detail label="责任人">{f.responsiblePerson}</Detail>
              <Detail label="牵头/配合单位">{[f.leader && `责任领导 ${f.leader}`, f.partnerUnits && `配合 ${f.partnerUnits}`].filter(Boolean).join('；')}</Detail>
              <Detail label="整改目标" wide>{f.goal}</Detail>
              <Detail label="整改措施" wide>{f.measures}</Detail>
              <Detail label="依据" wide>{f.legalBasis}</Detail>
              {f.noticeFrom && <Detail label="公示">{f.noticeFrom} 至 {f.noticeTo}</Detail>}
              {f.closedAt && <Detail label="销号日期">{f.closedAt}</Detail>}
              {f.recheckDue && <Detail label="销号后复查">{f.recheckDue} 前</Detail>}
            </dl>
          </section>
          <section className="card">
            <h2>办理过程</h2>
            <EventTimeline events={d.events} labels={FINDING_EVENT_LABELS} />
          </section>
        </div>
        <RecordActions<Exclude<FindingEventKind, 'created'>> allowed={d.allowed.filter((k): k is Exclude<FindingEventKind, 'created'> => k !== 'created')} labels={FINDING_EVENT_LABELS}
          specs={specs} danger={['reopened']} onAct={async (kind, a) => setD(await call('findings.act', { id, kind, ...a }))}>
          {d.withheld.map((w) => <p key={w.kind} className="muted duty-note" role="note">{FINDING_EVENT_LABELS[w.kind]}：{w.reason}</p>)}
          {f.targetId && f.targetKind !== 'site' && d.allowed.includes('rechecked') && (
            <p><a href={`#/inspections/new?kind=${f.targetKind}&target=${f.targetId}&name=${encodeURIComponent(f.targetName)}&template=recheck&source=日常`}>去现场复查（填写问题整改复查表）</a></p>
          )}
          <p><a href={`#/cases/new?from=finding:${f.id}`}>立案查处</a></p>
        </RecordActions>
      </div>
    </div>
  );
}
