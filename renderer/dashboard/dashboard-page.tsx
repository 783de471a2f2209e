import { shownTime } from '../../shared/domain/local-time';
import { Suspense, useEffect, useState } from 'react';
import type { Dashboard } from '../../shared/api/dashboard';
import type { InspectionSummary } from '../../shared/api/inspections';
import type { PlanTask } from '../../shared/api/plans';
import type { Overview } from '../../shared/api/workspace';
import { FINDING_STATE_LABELS, type FindingState } from '../../shared/finding/states';
import { call } from '../api';
import { useDirectories } from '../directories';
import { onFirstOpen } from '../on-first-open';
import { navigate } from '../router';

/** The charts bring ECharts: their own chunk, fetched after the figures are on screen. */
const DashboardCharts = onFirstOpen(() => import('./dashboard-charts'), 'DashboardCharts');

function Stat({ value, label, to, alert }: { value: number | undefined; label: string; to?: string; alert?: boolean }) {
  const body = <><b className={alert && value ? 'alert' : ''}>{value?.toLocaleString('zh-CN') ?? '…'}</b><span>{label}</span></>;
  return to ? <button className="stat" onClick={() => navigate(to)}>{body}</button> : <div className="stat">{body}</div>;
}

/** 工作台: my work today, what is overdue, and where the county stands (分区域、分流域、分行业、分来源). */
export function DashboardPage() {
  const d = useDirectories();
  const [o, setO] = useState<Overview | null>(null);
  const [data, setData] = useState<Dashboard | null>(null);
  const [drafts, setDrafts] = useState<InspectionSummary[]>([]);
  const [tasks, setTasks] = useState<PlanTask[]>([]);
  const me = d.info.currentPerson?.id;
  useEffect(() => { void call('workspace.overview', {}).then(setO); void call('dashboard.get', {}).then(setData); }, [me]);
  useEffect(() => {
    if (!me) return;
    void call('inspections.list', { state: 'draft', officerId: me, limit: 10 }).then((r) => setDrafts(r.rows));
    void call('plans.myTasks', {}).then(setTasks);
  }, [me]);
  const s = d.info.settings;
  const f = data?.findings;
  const open = tasks.filter((t) => !t.inspectionId);
  return (
    <div className="page dashboard">
      <header className="page-head"><h1>{s.bureauName || '工作台'}</h1><span className="muted">{s.countyName} · 区划代码 {s.countyCode} · 今天 {d.info.today}</span></header>
      {(open.length > 0 || drafts.length > 0 || (data?.mine.findings.length ?? 0) > 0) && (
        <section className="card" aria-label="我的待办">
          <h2>我的待办</h2>
          {open.length > 0 && <>
            <h3>双随机抽查任务（{open.length}）</h3>
            <ul className="links">{open.map((t) => (
              <li key={t.id}><a href={`#/inspections/new?kind=enterprise&target=${t.targetId}&name=${encodeURIComponent(t.targetName)}&source=双随机`}>{t.targetName}</a>
                <small> {t.planName} · 与 {t.inspectors.filter((p) => p.id !== me).map((p) => p.name).join('、')} 同组 · {t.periodTo} 前完成</small></li>
            ))}</ul>
          </>}
          {drafts.length > 0 && <>
            <h3>未完成的现场检查（{drafts.length}）</h3>
            <ul className="links">{drafts.map((r) => <li key={r.id}><a href={`#/inspections/${r.id}`}>{r.targetName}</a> <small>{r.templateName} · 开始于 {shownTime(r.startedAt)}</small></li>)}</ul>
          </>}
          {data && data.mine.findings.length > 0 && <>
            <h3>我负责整改的问题（{data.mine.findings.length}）</h3>
            <ul className="links">{data.mine.findings.map((x) => <li key={x.id}><a href={`#/findings/${x.id}`}>{x.description}</a> <small>{x.targetName} · {FINDING_STATE_LABELS[x.state as FindingState]} · 时限 {x.deadline}</small>{x.overdue && <span className="tag red">超期</span>}</li>)}</ul>
          </>}
        </section>
      )}
      <div className="cards" aria-label="闭环情况">
        <Stat value={f?.unfinished} label="问题整改中" to="/findings?unfinished=1" />
        <Stat value={f?.overdue} label="问题超期" to="/findings?overdue=1" alert />
        <Stat value={f?.reopened} label="反弹问题" to="/findings?reopened=1" alert />
        <Stat value={f?.recheckDue} label="销号后待复查" to={`/findings?recheckDueBy=${data?.today ?? ''}`} />
        <Stat value={f?.closed} label="已销号" to="/findings?state=closed" />
        <Stat value={data?.complaints.open} label="信访办理中" to="/complaints?state=accepted" />
        <Stat value={data?.complaints.overdue} label="信访逾期" to="/complaints?overdue=1" alert />
        <Stat value={data?.cases.publicityOverdue} label="处罚逾期未公开" to="/cases?publicityOverdue=1" alert />
        <Stat value={o?.enterprises} label="排污单位" to="/enterprises" />
        <Stat value={o?.outfalls} label="入河排污口" to="/outfalls" />
      </div>
      {data && <Suspense fallback={null}><DashboardCharts data={data} /></Suspense>}
      <section className="card">
        <h2>分镇街情况</h2>
        <table className="grid">
          <thead><tr><th>镇街</th><th>排污单位</th><th>其中重点</th><th>入河排污口</th><th>整治中</th><th>问题（未完成/超期）</th></tr></thead>
          <tbody>
            {o?.byTown.map((r) => {
              const t = data?.byTown.find((x) => x.key === r.townCode);
              return <tr key={r.townCode}><td>{r.townName}</td><td>{r.enterprises}</td><td>{r.keyUnits}</td><td>{r.outfalls}</td><td>{r.remediating}</td>
                <td><a href={`#/findings?townCode=${r.townCode}`}>{t ? `${t.unfinished} / ${t.overdue}` : '0 / 0'}</a></td></tr>;
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}
