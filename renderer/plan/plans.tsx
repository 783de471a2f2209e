import { useEffect, useState } from 'react';
import type { Directory, PlanSummary } from '../../shared/api/plans';
import { PLAN_CATEGORIES, type PlanCategory, type Quota } from '../../shared/plan/draw';
import { call } from '../api';
import { FormPage, useCoreForm } from '../components/core-form';
import { Field } from '../components/field';
import { EnterprisePicker } from '../components/record-picker';
import { useDirectories } from '../directories';
import { navigate } from '../router';

export const PLAN_STATE_LABELS = { draft: '待抽取', drawn: '已抽取（保密）', released: '已发布' } as const;
const quotaText = (q: Quota) => (q.mode === 'ratio' ? `${Math.round(q.value * 1000) / 10}%` : `${q.value} 家`);

/** The two directories (一单两库): targets by category, inspectors, and declared conflicts of interest (回避). */
function DirectoryCard({ dir, onChange, bureau }: { dir: Directory; onChange: (d: Directory) => void; bureau: boolean }) {
  const [c, setC] = useState({ personId: '', targetId: null as string | null, targetName: '', reason: '' });
  const [k, setK] = useState({ targetId: null as string | null, targetName: '', category: '特殊' as PlanCategory, excluded: false });
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    setError(null);
    try { onChange(await call('plans.addConflict', { personId: c.personId, targetId: c.targetId ?? '', reason: c.reason })); setC({ personId: '', targetId: null, targetName: '', reason: '' }); } catch (e) { setError((e as Error).message); }
  };
  return (
    <section className="card" aria-label="检查对象名录与执法人员名录">
      <h2>一单两库</h2>
      <p>检查对象名录：重点 <b>{dir.counts.重点}</b> 家 · 一般 <b>{dir.counts.一般}</b> 家 · 特殊 <b>{dir.counts.特殊}</b> 家（不含关闭企业{dir.counts.excluded ? `、排除 ${dir.counts.excluded} 家` : ''}）；执法人员名录 <b>{dir.inspectors.length}</b> 人。</p>
      <h3>调整类别（默认：重点排污单位为“重点”，其余为“一般”）</h3>
      <table className="plain"><tbody>
        {dir.overrides.map((x) => <tr key={x.targetId}><td>{x.targetName}</td><td>{x.excluded ? '不纳入抽查' : x.category}</td></tr>)}
      </tbody></table>
      {bureau && (
        <div className="form-grid">
          <Field label="对象"><EnterprisePicker value={k.targetId} name={k.targetName || null} onChange={(id, name) => setK({ ...k, targetId: id, targetName: name ?? '' })} /></Field>
          <Field label="类别"><select aria-label="名录类别" value={k.category} onChange={(e) => setK({ ...k, category: e.target.value as PlanCategory })}>{PLAN_CATEGORIES.map((x) => <option key={x}>{x}</option>)}</select></Field>
          <label className="check"><input type="checkbox" checked={k.excluded} onChange={(e) => setK({ ...k, excluded: e.target.checked })} />不纳入抽查（如已列入其他监管）</label>
          <div className="field"><span className="field-label">{'\u00a0'}</span><button disabled={!k.targetId} onClick={() => void call('plans.setCategory', { targetIds: [k.targetId!], category: k.category, excluded: k.excluded }).then(onChange, (e: Error) => setError(e.message))}>保存类别</button></div>
        </div>
      )}
      <h3>回避关系（执法人员不会被抽到与其有关的对象）</h3>
      <table className="plain"><tbody>
        {dir.conflicts.map((x) => <tr key={x.id}><td>{x.personName}</td><td>{x.targetName}</td><td>{x.reason}</td><td className="actions">{bureau && <button className="link" onClick={() => void call('plans.removeConflict', { id: x.id }).then(onChange)}>撤销</button>}</td></tr>)}
      </tbody></table>
      {bureau && (
        <div className="form-grid">
          <Field label="执法人员"><select aria-label="回避执法人员" value={c.personId} onChange={(e) => setC({ ...c, personId: e.target.value })}><option value="">请选择</option>{dir.inspectors.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></Field>
          <Field label="对象"><EnterprisePicker value={c.targetId} name={c.targetName || null} onChange={(id, name) => setC({ ...c, targetId: id, targetName: name ?? '' })} /></Field>
          <Field label="回避理由"><input aria-label="回避理由" value={c.reason} onChange={(e) => setC({ ...c, reason: e.target.value })} /></Field>
          <div className="field"><span className="field-label">{'\u00a0'}</span><button onClick={() => void add()}>登记回避</button></div>
        </div>
      )}
      {error && <p className="banner error" role="alert">{error}</p>}
    </section>
  );
}

/** 双随机、一公开: plans, their draws (secret until released) and the directories. */
export function PlansPage() {
  const d = useDirectories();
  const bureau = d.info.currentPerson?.role === '局机关人员';
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [dir, setDir] = useState<Directory | null>(null);
  useEffect(() => { void call('plans.list', {}).then(setPlans); void call('plans.directory', {}).then(setDir); }, []);
  return (
    <div className="page">
      <header className="page-head"><h1>双随机抽查</h1><span className="spacer" />{bureau && <button className="primary" onClick={() => navigate('/plans/new')}>新建抽查计划</button>}</header>
      {!bureau && <p className="banner warning">抽取结果在发布前对执法人员保密；这里只显示已发布的计划。</p>}
      <section className="card">
        <h2>抽查计划</h2>
        <table className="grid">
          <thead><tr><th>计划</th><th>抽查期间</th><th>比例</th><th>状态</th><th>任务</th></tr></thead>
          <tbody>{plans.map((p) => (
            <tr key={p.id}><td><a href={`#/plans/${p.id}`}>{p.name}</a></td><td>{p.periodFrom} 至 {p.periodTo}</td>
              <td>{PLAN_CATEGORIES.map((c) => `${c} ${quotaText(p.quotas[c])}`).join('，')}</td><td>{PLAN_STATE_LABELS[p.state]}</td>
              <td>{p.state === 'released' ? `${p.doneCount}/${p.taskCount} 已检查` : p.taskCount || '—'}</td></tr>
          ))}</tbody>
        </table>
        {plans.length === 0 && <p className="muted">暂无抽查计划</p>}
      </section>
      {dir && <DirectoryCard dir={dir} onChange={setDir} bureau={bureau} />}
    </div>
  );
}

function QuotaInput({ label, q, onChange }: { label: string; q: Quota; onChange: (q: Quota) => void }) {
  return (
    <Field label={label}>
      <div className="pair">
        <select aria-label={`${label}方式`} value={q.mode} onChange={(e) => onChange({ mode: e.target.value as Quota['mode'], value: 0 })}><option value="ratio">按比例（%）</option><option value="count">按家数</option></select>
        <input aria-label={`${label}数值`} type="number" min={0} value={q.mode === 'ratio' ? Math.round(q.value * 1000) / 10 : q.value} onChange={(e) => onChange({ ...q, value: q.mode === 'ratio' ? Number(e.target.value) / 100 : Number(e.target.value) })} />
      </div>
    </Field>
  );
}

/** 新建抽查计划: the matters, the period and how many of each category to draw. */
export function PlanFormPage() {
  const d = useDirectories();
  const year = d.info.today.slice(0, 4);
  const f = useCoreForm({
    name: `${year}年“双随机、一公开”抽查`, matter: '排污许可执行情况、污染防治设施运行、自行监测、环境管理台账', periodFrom: d.info.today, periodTo: `${year}-12-31`,
    quotas: { 重点: { mode: 'ratio', value: 0.25 }, 一般: { mode: 'ratio', value: 0.05 }, 特殊: { mode: 'count', value: 0 } } as Record<PlanCategory, Quota>,
  });
  const { v, set, errors } = f;
  const save = () => f.save(async (x) => { const p = await call('plans.create', x); navigate(`/plans/${p.id}`); });
  return (
    <FormPage title="新建抽查计划" back="/plans" banner={f.banner} busy={f.busy} onSave={() => void save()}>
      <Field label="计划名称" required error={errors.name} wide><input value={v.name} onChange={(e) => set({ name: e.target.value })} /></Field>
      <Field label="抽查事项" required error={errors.matter} wide><textarea rows={2} value={v.matter} onChange={(e) => set({ matter: e.target.value })} /></Field>
      <Field label="开始日期" required error={errors.periodFrom}><input type="date" value={v.periodFrom} onChange={(e) => set({ periodFrom: e.target.value })} /></Field>
      <Field label="结束日期" required error={errors.periodTo}><input type="date" value={v.periodTo} onChange={(e) => set({ periodTo: e.target.value })} /></Field>
      {PLAN_CATEGORIES.map((c) => <QuotaInput key={c} label={`${c}监管对象`} q={v.quotas[c]} onChange={(q) => set({ quotas: { ...v.quotas, [c]: q } })} />)}
      {errors.quotas && <p className="banner error" role="alert">{errors.quotas}</p>}
    </FormPage>
  );
}
