import { useEffect, useState } from 'react';
import type { Stats } from '../../shared/api/workspace';
import { call } from '../api';
import { useDirectories } from '../directories';
import { navigate } from '../router';

type TownRow = { code: string; name: string; enterprises: number; keyUnits: number; outfalls: number; remediating: number };

/** 工作台: the county at a glance, by town (分区域). */
export function DashboardPage() {
  const d = useDirectories();
  const [stats, setStats] = useState<Stats | null>(null);
  const [towns, setTowns] = useState<TownRow[]>([]);
  const [keyUnits, setKeyUnits] = useState<number | null>(null);
  const [remediating, setRemediating] = useState<number | null>(null);
  useEffect(() => {
    void call('workspace.stats', {}).then(setStats);
    void call('enterprises.list', { keyUnit: true, limit: 1 }).then((r) => setKeyUnits(r.total));
    void call('outfalls.list', { remediationState: '整治中', limit: 1 }).then((r) => setRemediating(r.total));
    void Promise.all(d.towns.map(async (town) => {
      const [e, k, o, r] = await Promise.all([
        call('enterprises.list', { townCode: town.code, limit: 1 }), call('enterprises.list', { townCode: town.code, keyUnit: true, limit: 1 }),
        call('outfalls.list', { townCode: town.code, limit: 1 }), call('outfalls.list', { townCode: town.code, remediationState: '整治中', limit: 1 }),
      ]);
      return { code: town.code, name: town.name, enterprises: e.total, keyUnits: k.total, outfalls: o.total, remediating: r.total };
    })).then(setTowns);
  }, [d.towns]);
  const s = d.info.settings;
  return (
    <div className="page">
      <header className="page-head"><h1>{s.bureauName || '工作台'}</h1><span className="muted">{s.countyName} · 区划代码 {s.countyCode}</span></header>
      <div className="cards">
        <button className="stat" onClick={() => navigate('/enterprises')}><b>{stats?.enterprises ?? '…'}</b><span>排污单位</span></button>
        <button className="stat" onClick={() => navigate('/enterprises')}><b>{keyUnits ?? '…'}</b><span>重点排污单位</span></button>
        <button className="stat" onClick={() => navigate('/outfalls')}><b>{stats?.outfalls ?? '…'}</b><span>入河排污口</span></button>
        <button className="stat" onClick={() => navigate('/outfalls')}><b>{remediating ?? '…'}</b><span>排污口整治中</span></button>
        <div className="stat"><b>{stats?.people ?? '…'}</b><span>人员</span></div>
      </div>
      <section className="card">
        <h2>分镇街情况</h2>
        <table className="grid">
          <thead><tr><th>镇街</th><th>排污单位</th><th>其中重点</th><th>入河排污口</th><th>整治中</th></tr></thead>
          <tbody>
            {towns.map((r) => (
              <tr key={r.code}><td>{r.name}</td><td>{r.enterprises}</td><td>{r.keyUnits}</td><td>{r.outfalls}</td><td>{r.remediating}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
