import { useEffect, useState } from 'react';
import { useDirectories } from '../directories';
import type { TemplateSummary } from '../../shared/api/checklists';
import type { Person } from '../../shared/api/people';
import { INSPECTION_SOURCES } from '../../shared/api/inspections';
import type { TargetKind } from '../../shared/checklist/template';
import { TARGET_KIND_LABELS } from '../../shared/inspection/notice';
import { ApiFailure, call } from '../api';
import { EnterprisePicker, OutfallPicker } from '../components/record-picker';
import { Field } from '../components/field';
import { navigate } from '../router';

function query(): URLSearchParams {
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '');
}

/** 开始检查: the target, the checklist (its latest version in force) and the two officers. */
export function InspectionStartPage() {
  const q = query();
  const [kind, setKind] = useState<TargetKind>((q.get('kind') as TargetKind) || 'enterprise');
  const [targetId, setTargetId] = useState<string | null>(q.get('target'));
  const [targetName, setTargetName] = useState(q.get('name') ?? '');
  const [siteName, setSiteName] = useState('');
  const [siteAddress, setSiteAddress] = useState('');
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [people, setPeople] = useState<Person[]>([]);
  // Officer 1 is the person signed in when they hold an enforcement certificate (issue 20).
  const me = useDirectories().info.currentPerson;
  const [officers, setOfficers] = useState<string[]>([me?.role === '执法人员' && me.certificateNo ? me.id : '', '']);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { void call('people.list', { role: '执法人员' }).then(setPeople); }, []);
  useEffect(() => {
    void call('checklists.list', { targetKind: kind }).then((list) => {
      const latest = list.filter((t) => !list.some((o) => o.code === t.code && o.version > t.version && !o.retired));
      // The checklists made for this kind of target first (工业企业 before 信访核查 for an enterprise).
      latest.sort((a, b) => a.targetKinds.indexOf(kind) - b.targetKinds.indexOf(kind) || a.targetKinds.length - b.targetKinds.length);
      setTemplates(latest);
      // A link may ask for a form by its code (a problem's “去现场复查” asks for the 复查 form).
      const asked = latest.find((t) => t.code === q.get('template'));
      setTemplateId((cur) => (latest.some((t) => t.id === cur) ? cur : asked?.id ?? latest[0]?.id ?? ''));
    });
  }, [kind]);
  const start = async () => {
    setError(null);
    try {
      const r = await call('inspections.start', { templateId, targetKind: kind, targetId: kind === 'site' ? null : targetId, siteName, siteAddress, officerIds: officers.filter(Boolean), source: (INSPECTION_SOURCES as readonly string[]).includes(q.get('source') ?? '') ? q.get('source') as (typeof INSPECTION_SOURCES)[number] : null });
      navigate(`/inspections/${r.id}`);
    } catch (e) { setError(e instanceof ApiFailure ? e.message : (e as Error).message); }
  };
  const fixedTarget = !!q.get('target');
  return (
    <div className="page form-page">
      <header className="page-head"><a className="link" href="#/inspections">← 检查记录</a><h1>开始现场检查</h1></header>
      {error && <p className="banner error" role="alert">{error}</p>}
      <section className="card">
        <h2>检查对象</h2>
        <div className="form-grid">
          <Field label="对象类别">
            <select aria-label="对象类别" value={kind} disabled={fixedTarget} onChange={(e) => { setKind(e.target.value as TargetKind); setTargetId(null); }}>
              {Object.entries(TARGET_KIND_LABELS).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
            </select>
          </Field>
          {fixedTarget ? <Field label="检查对象"><input value={targetName} disabled /></Field>
            : kind === 'enterprise' ? <Field label="排污单位" required><EnterprisePicker value={targetId} name={targetName} label="查找被检查单位" onChange={(id, name) => { setTargetId(id); setTargetName(name ?? ''); }} /></Field>
            : kind === 'outfall' ? (
              <Field label="入河排污口" required><OutfallPicker value={targetId} name={targetName} label="查找被检查的排污口" onChange={(id, name) => { setTargetId(id); setTargetName(name ?? ''); }} /></Field>
            ) : (
              <>
                <Field label="场所名称" required><input aria-label="场所名称" value={siteName} onChange={(e) => setSiteName(e.target.value)} placeholder="如：城南安置房项目工地" /></Field>
                <Field label="场所地址"><input aria-label="场所地址" value={siteAddress} onChange={(e) => setSiteAddress(e.target.value)} /></Field>
              </>
            )}
        </div>
      </section>
      <section className="card">
        <h2>检查表</h2>
        <div className="template-choices" role="radiogroup" aria-label="检查表">
          {templates.map((t) => (
            <label key={t.id} className={`template-choice${templateId === t.id ? ' on' : ''}`}>
              <input type="radio" name="template" checked={templateId === t.id} onChange={() => setTemplateId(t.id)} />
              <b>{t.name}</b> <small className="muted">第 {t.version} 版 · {t.itemCount} 项</small>
            </label>
          ))}
          {templates.length === 0 && <p className="muted">没有适用于{TARGET_KIND_LABELS[kind]}的检查表。</p>}
        </div>
      </section>
      <section className="card">
        <h2>执法人员（至少两名）</h2>
        <div className="form-grid">
          {officers.map((o, i) => (
            <Field key={i} label={`执法人员 ${i + 1}`} required={i < 2}>
              <select aria-label={`执法人员${i + 1}`} value={o} onChange={(e) => { const next = [...officers]; next[i] = e.target.value; setOfficers(next); }}>
                <option value="">（请选择）</option>
                {people.map((p) => <option key={p.id} value={p.id} disabled={officers.includes(p.id) && o !== p.id}>{p.name}　执法证号 {p.certificateNo ?? '无'}</option>)}
              </select>
            </Field>
          ))}
        </div>
      </section>
      <div className="form-actions"><button className="primary" onClick={() => void start()} disabled={!templateId}>开始检查</button></div>
    </div>
  );
}
