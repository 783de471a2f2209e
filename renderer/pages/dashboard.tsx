import { useEffect, useState } from 'react';
import type { Overview } from '../../shared/api/workspace';
import { call } from '../api';
import { useDirectories } from '../directories';
import { navigate } from '../router';

/** 工作台: the county at a glance, by town (分区域). */
export function DashboardPage() {
  const d = useDirectories();
  const [o, setO] = useState<Overview | null>(null);
  const [people, setPeople] = useState<number | null>(null);
  useEffect(() => {
    void call('workspace.overview', {}).then(setO);
    void call('workspace.stats', {}).then((s) => setPeople(s.people));
  }, []);
  const s = d.info.settings;
  return (
    <div className="page">
      <header className="page-head"><h1>{s.bureauName || '工作台'}</h1><span className="muted">{s.countyName} · 区划代码 {s.countyCode}</span></header>
      <div className="cards">
        <button className="stat" onClick={() => navigate('/enterprises')}><b>{o?.enterprises.toLocaleString('zh-CN') ?? '…'}</b><span>排污单位</span></button>
        <button className="stat" onClick={() => navigate('/enterprises')}><b>{o?.keyUnits.toLocaleString('zh-CN') ?? '…'}</b><span>重点排污单位</span></button>
        <button className="stat" onClick={() => navigate('/outfalls')}><b>{o?.outfalls.toLocaleString('zh-CN') ?? '…'}</b><span>入河排污口</span></button>
        <button className="stat" onClick={() => navigate('/outfalls')}><b>{o?.remediating.toLocaleString('zh-CN') ?? '…'}</b><span>排污口整治中</span></button>
        <div className="stat"><b>{people ?? '…'}</b><span>人员</span></div>
      </div>
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
