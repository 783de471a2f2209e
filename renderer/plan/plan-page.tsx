import { shownTime } from '../../shared/domain/local-time';
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../shared/api/index';
import type { VerifyReport } from '../../shared/api/plans';
import { call } from '../api';
import { useDirectories } from '../directories';
import { navigate } from '../router';
import { PLAN_STATE_LABELS } from './plans';

/** One plan: draw with a seed, verify the draw, release it to the inspectors, follow the results. */
export function PlanPage({ id }: { id: string }) {
  const d = useDirectories();
  const bureau = d.info.currentPerson?.role === '局机关人员';
  const [data, setData] = useState<Output<'plans.get'> | null>(null);
  const [seed, setSeed] = useState('');
  const [verify, setVerify] = useState<VerifyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [publishedAt, setPublishedAt] = useState(d.info.today);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => call('plans.get', { id }).then(setData, (e: Error) => setError(e.message)), [id]);
  useEffect(() => { void load(); }, [load]);
  const run = async (fn: () => Promise<unknown>) => { setError(null); try { await fn(); await load(); } catch (e) { setError((e as Error).message); } };
  if (!data) return <div className="page">{error ? <p className="banner error">{error}</p> : <span className="muted">加载中…</span>}</div>;
  const p = data.plan;
  return (
    <div className="page">
      <header className="page-head">
        <button className="link" onClick={() => navigate('/plans')}>← 返回</button>
        <h1>{p.name}</h1><span className="tag" data-testid="plan-state">{PLAN_STATE_LABELS[p.state]}</span>
      </header>
      {error && <p className="banner error" role="alert">{error}</p>}
      <section className="card">
        <p>抽查事项：{p.matter}</p>
        <p>抽查期间：{p.periodFrom} 至 {p.periodTo}</p>
        {p.seed && <p>随机种子：<code data-testid="plan-seed">{p.seed}</code> · 结果摘要 SHA-256：<code>{p.drawSha256}</code> · {shownTime(p.drawnAt)} 由 {p.drawnByName ?? '系统'} 抽取</p>}
        <p className="muted">抽取规则：各类对象按 SHA-256(种子|类别|对象编号) 排序取前 N 家；每家按任务最少、再按 SHA-256(种子|对象编号|人员编号) 选两名无需回避的执法人员。任何人可用种子复核。</p>
        {bureau && p.state === 'draft' && (
          <div className="pair">
            <input aria-label="随机种子" placeholder="随机种子（留空则随机生成，可用公开摇号号码）" value={seed} onChange={(e) => setSeed(e.target.value)} />
            <button className="primary" onClick={() => {
              // A draw is final and public (the seed can be re-checked by anyone): asked once more (issue 20).
              if (!window.confirm(`确认抽取？抽取结果不可撤销，将按${seed ? `种子“${seed}”` : '随机生成的种子'}确定检查对象和执法人员。`)) return;
              void run(() => call('plans.draw', { id, seed: seed || undefined }));
            }}>抽取</button>
          </div>
        )}
        {p.state !== 'draft' && !data.hidden && <button onClick={() => void call('plans.verify', { id }).then(setVerify, (e: Error) => setError(e.message))}>复核抽取结果</button>}
        {bureau && p.state === 'drawn' && <button className="primary" onClick={() => void run(() => call('plans.release', { id }))}>发布任务</button>}
        {verify && <p className={`banner ${verify.ok ? 'ok' : 'error'}`} role="status">{verify.ok ? `复核一致：按种子 ${verify.seed} 重算 ${verify.tasks} 项，结果完全相同` : `复核不一致：${verify.problems.join('；')}`}</p>}
      </section>
      {data.hidden ? <p className="banner warning">该计划已抽取，发布前对执法人员保密。</p> : data.tasks.length > 0 && (
        <section className="card">
          <h2>抽查任务（{data.tasks.length}）</h2>
          {bureau && p.state === 'released' && (
            <form className="pair" aria-label="记录公示" onSubmit={(e) => {
              e.preventDefault();
              void run(async () => { const r = await call('plans.publish', { id, publishedAt }); setNotice(`已记录 ${r.published} 项抽查结果的公示日期 ${publishedAt}`); });
            }}>
              <label>公示日期 <input type="date" name="publishedAt" value={publishedAt} max={d.info.today} onChange={(e) => setPublishedAt(e.target.value)} /></label>
              <button className="primary" type="submit" disabled={!data.tasks.some((t) => t.inspectionId && !t.publishedAt)}>记录已检查结果的公示</button>
              <span className="muted">填写结果实际公示的日期；检查后 20 个工作日内应当公示</span>
            </form>
          )}
          {notice && <p className="banner ok" role="status">{notice}</p>}
          <table className="grid" aria-label="抽查任务">
            <thead><tr><th>序号</th><th>类别</th><th>检查对象</th><th>镇街</th><th>执法人员</th><th>检查结果</th><th>公示</th></tr></thead>
            <tbody>{data.tasks.map((t) => (
              <tr key={t.id}><td>{t.order}</td><td>{t.category}</td><td><a href={`#/enterprises/${t.targetId}`}>{t.targetName}</a></td><td>{t.townName}</td>
                <td>{t.inspectors.map((x) => x.name).join('、')}</td><td>{t.inspectionId ? <a href={`#/inspections/${t.inspectionId}`}>{t.result}</a> : t.result}</td>
                <td className={t.publication.startsWith('逾期') ? 'overdue' : undefined}>{t.publishedAt ? `${t.publishedAt} ${t.publication}` : t.publication}{t.publishDue && !t.publishedAt ? `（${t.publishDue} 前）` : ''}</td></tr>
            ))}</tbody>
          </table>
        </section>
      )}
    </div>
  );
}
