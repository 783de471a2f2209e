import { useEffect, useState, type FormEvent } from 'react';
import { PERSON_ROLES, type Person, type PersonDraft } from '../../shared/api/people';
import type { Settings } from '../../shared/api/workspace';
import { ApiFailure, call } from '../api';
import { Choice, Field } from '../components/field';
import { useDirectories } from '../directories';
import { COORD_SYSTEM_LABELS, t } from '../i18n/zh-CN';
import { ChecklistSettings } from '../checklist/checklist-settings';
import { ClosedLoopSettings } from '../closed-loop/closed-loop-settings';
import { DocumentSettings } from '../case/document-settings';
import { OutfallClassSettings } from '../outfall/outfall-class-settings';
import { BackupSection } from './backup-section';
import { PlacesDirectory } from './places-directory';
import { WorkspacesSection } from '../workspace/workspaces-section';
import { useMay } from '../auth/auth-context';
import { AccountsSection } from '../auth/accounts-section';
import { AuditSection } from '../auth/audit-section';

function SettingsForm() {
  const d = useDirectories();
  const [s, setS] = useState<Settings>(d.info.settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [note, setNote] = useState<string | null>(null);
  const save = async (ev: FormEvent) => {
    ev.preventDefault();
    try { await call('workspace.updateSettings', s); setErrors({}); setNote(t.common.saved); await d.reload(); }
    catch (e) { if (e instanceof ApiFailure) setErrors(e.fields); setNote((e as Error).message); }
  };
  return (
    <form className="card" onSubmit={(e) => void save(e)} noValidate>
      <h2>{t.settings.bureau}</h2>
      {note && <p className={`banner ${Object.keys(errors).length ? 'error' : 'ok'}`}>{note}</p>}
      <div className="form-grid">
        <Field label="填报单位（台账抬头）" required error={errors.bureauName}><input name="bureauName" value={s.bureauName} onChange={(e) => setS({ ...s, bureauName: e.target.value })} /></Field>
        <Field label="县（市、区）名称" required error={errors.countyName}><input name="countyName" value={s.countyName} onChange={(e) => setS({ ...s, countyName: e.target.value })} /></Field>
        <Field label="县级区划代码（6位）" required error={errors.countyCode}><input name="countyCode" value={s.countyCode} onChange={(e) => setS({ ...s, countyCode: e.target.value })} /></Field>
        <Field label="联系电话" error={errors.contactPhone}><input name="contactPhone" value={s.contactPhone} onChange={(e) => setS({ ...s, contactPhone: e.target.value })} /></Field>
        <Field label="默认坐标系（新建记录时）">
          <select name="defaultCoordSystem" value={s.defaultCoordSystem} onChange={(e) => setS({ ...s, defaultCoordSystem: e.target.value as Settings['defaultCoordSystem'] })}>
            {Object.entries(COORD_SYSTEM_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </Field>
        <Field label="闲置锁定（分钟）" error={errors.idleLockMinutes} hint="无操作超过该时间自动锁定，须输入 PIN 或密码解锁">
          <input name="idleLockMinutes" type="number" min={1} max={60} value={s.idleLockMinutes} onChange={(e) => setS({ ...s, idleLockMinutes: Number(e.target.value) })} />
        </Field>
        <Field label="现场检查告知（印在笔录中，新开始的检查使用）" wide error={errors.inspectionNotice}>
          <textarea name="inspectionNotice" value={s.inspectionNotice} onChange={(e) => setS({ ...s, inspectionNotice: e.target.value })} />
        </Field>
      </div>
      <div className="form-actions"><button className="primary" type="submit">{t.common.save}</button></div>
    </form>
  );
}

const BLANK_PERSON: PersonDraft = { name: '', role: '执法人员', certificateNo: null, unit: '', post: '', townCode: null, phone: '', active: true };

function PeopleDirectory() {
  const d = useDirectories();
  const [people, setPeople] = useState<Person[]>([]);
  const [draft, setDraft] = useState<PersonDraft>(BLANK_PERSON);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [adding, setAdding] = useState(false);
  const load = () => void call('people.list', { includeInactive: true }).then(setPeople);
  useEffect(load, []);
  const toggle = async (p: Person) => {
    try { await call('people.update', { id: p.id, patch: { active: !p.active } }); setErrors({}); load(); }
    catch (e) { setErrors({ _: (e as Error).message }); }
  };
  const add = async (ev: FormEvent) => {
    ev.preventDefault();
    try { await call('people.create', draft); setDraft(BLANK_PERSON); setErrors({}); setAdding(false); load(); }
    catch (e) { if (e instanceof ApiFailure) setErrors({ ...e.fields, _: e.message }); }
  };
  return (
    <section className="card">
      <h2>{t.settings.people}<button className="link right" onClick={() => setAdding(!adding)}>{adding ? t.common.cancel : t.settings.addPerson}</button></h2>
      {!adding && errors._ && <p className="banner error">{errors._}</p>}
      {adding && (
        <form onSubmit={(e) => void add(e)} noValidate className="inline-form">
          {errors._ && <p className="banner error">{errors._}</p>}
          <div className="form-grid">
            <Field label="姓名" required error={errors.name}><input name="personName" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></Field>
            <Field label="人员类别"><Choice name="role" value={draft.role} options={PERSON_ROLES} onChange={(v) => setDraft({ ...draft, role: (v ?? '执法人员') as PersonDraft['role'] })} /></Field>
            <Field label="执法证号" error={errors.certificateNo}><input name="certificateNo" value={draft.certificateNo ?? ''} onChange={(e) => setDraft({ ...draft, certificateNo: e.target.value || null })} /></Field>
            <Field label="单位"><input name="unit" value={draft.unit} onChange={(e) => setDraft({ ...draft, unit: e.target.value })} /></Field>
            <Field label="职务"><input name="post" value={draft.post} onChange={(e) => setDraft({ ...draft, post: e.target.value })} /></Field>
            <Field label="所属镇街" error={errors.townCode}>
              <select name="personTown" value={draft.townCode ?? ''} onChange={(e) => setDraft({ ...draft, townCode: e.target.value || null })}>
                <option value="">（无）</option>{d.towns.map((x) => <option key={x.code} value={x.code}>{x.name}</option>)}
              </select>
            </Field>
            <Field label="电话" error={errors.phone}><input name="phone" value={draft.phone} onChange={(e) => setDraft({ ...draft, phone: e.target.value })} /></Field>
          </div>
          <div className="form-actions"><button className="primary" type="submit">{t.common.save}</button></div>
        </form>
      )}
      <table className="grid">
        <thead><tr><th>姓名</th><th>类别</th><th>执法证号</th><th>单位</th><th>职务</th><th>镇街</th><th>电话</th><th>状态</th></tr></thead>
        <tbody>{people.map((p) => (
          <tr key={p.id} className={p.active ? '' : 'muted'}>
            <td>{p.name}</td><td>{p.role}</td><td>{p.certificateNo ?? ''}</td><td>{p.unit}</td><td>{p.post}</td><td>{p.townName ?? ''}</td><td>{p.phone}</td>
            <td>{p.active ? '在岗' : '已停用'} <button className="link" onClick={() => void toggle(p)}>{p.active ? '停用' : '启用'}</button></td>
          </tr>
        ))}</tbody>
      </table>
    </section>
  );
}

/** 设置: the bureau (填报单位), the people directory, and facts about this workspace. */
export function SettingsPage() {
  const may = useMay();
  const admin = may('settings');
  return (
    <div className="page">
      <header className="page-head"><h1>{t.nav.settings}</h1></header>
      {!admin && !may('checklists') && <p className="banner error" role="alert">您的角色无权修改系统设置、人员和账号；如需调整，请联系管理员。</p>}
      {admin && <SettingsForm />}
      {admin && <PeopleDirectory />}
      {may('accounts') && <AccountsSection />}
      {admin && <ClosedLoopSettings />}
      {admin && <DocumentSettings />}
      {admin && <OutfallClassSettings />}
      {may('checklists') && <ChecklistSettings />}
      {admin && <PlacesDirectory />}
      {admin && <WorkspacesSection />}
      {admin && <BackupSection />}
      {may('audit') && <AuditSection />}
    </div>
  );
}
