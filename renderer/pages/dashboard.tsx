import { useEffect, useState } from 'react';
import type { InspectionSummary } from '../../shared/api/inspections';
import type { Overview, Stats } from '../../shared/api/workspace';
import { call } from '../api';
import { useDirectories } from '../directories';
import { navigate } from '../router';

/** 工作台: the county at a glance, by town (分区域). */
export function DashboardPage() {
  const d = useDirectories();
  const [o, setO] = useState<Overview | null>(null);
  const [stats, setStats] = useState<Stats | null>(null);
  const [drafts, setDrafts] = useState<InspectionSummary[]>([]);
  const me = d.info.currentPerson?.id;
  useEffect(() => {
    void call('workspace.overview', {}).then(setO);
    void call('workspace.stats', {}).then(setStats);
  }, []);
  useEffect(() => { if (me) void call('inspections.list', { state: 'draft', officerId: me, limit: 10 }).then((r) => setDrafts(r.rows)); }, [me]);
  const s = d.info.settings;
  return (
    <div className="page">
      <header className="page-head"><h1>{s.bureauName || '工作台'}</h1><span className="muted">{s.countyName} · 区划代码 {s.countyCode}</span></header>
      <div className="cards">
        <button className="stat" onClick={() => navigate('/enterprises')}><b>{o?.enterprises.toLocaleString('zh-CN') ?? '…'}</b><span>排污单位</span></button>
        <button className="stat" onClick={() => navigate('/enterprises')}><b>{o?.keyUnits.toLocaleString('zh-CN') ?? '…'}</b><span>重点排污单位</span></button>
        <button className="stat" onClick={() => navigate('/outfalls')}><b>{o?.outfalls.toLocaleString('zh-CN') ?? '…'}</b><span>入河排污口</span></button>
        <button className="stat" onClick={() => navigate('/outfalls')}><b>{o?.remediating.toLocaleString('zh-CN') ?? '…'}</b><span>排污口整治中</span></button>
        <button className="stat" onClick={() => navigate('/inspections')}><b>{stats?.finalizedInspections.toLocaleString('zh-CN') ?? '…'}</b><span>现场检查记录</span></button>
        <div className="stat"><b>{stats?.findings.toLocaleString('zh-CN') ?? '…'}</b><span>发现问题</span></div>
      </div>
      {drafts.length > 0 && (
        <section className="card" aria-label="我未完成的现场检查">
          <h2>我未完成的现场检查（{drafts.length}）</h2>
          <ul className="links">
            {drafts.map((r) => <li key={r.id}><a href={`#/inspections/${r.id}`}>{r.targetName}</a> <small>{r.templateName} · 开始于 {(r.startedAt ?? '').replace('T', ' ')}</small></li>)}
          </ul>
        </section>
      )}
      <section className="card">
        <h2>分镇街情况</h2>
        <table className="grid">
          <thead><tr><th>镇街</th><th>排污单位</th><th>其中重点</th><th>入河排污口</th><th>整治中</th></tr></thead>
          <tbody>
            {o?.byTown.map((r) => (
              <tr key={r.townCode}><td>{r.townName}</td><td>{r.enterprises}</td><td>{r.keyUnits}</td><td>{r.outfalls}</td><td>{r.remediating}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
