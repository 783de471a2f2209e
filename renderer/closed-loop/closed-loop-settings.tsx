import { useEffect, useState, type FormEvent } from 'react';
import type { Person } from '../../shared/api/people';
import type { Settings } from '../../shared/api/workspace';
import { FINDING_SOURCES } from '../../shared/api/findings';
import { ApiFailure, call } from '../api';
import { Field, FieldGroup } from '../components/field';
import { useDirectories } from '../directories';

type Limits = Pick<Settings, 'noticeDays' | 'recheckAfterDays' | 'findingMaxExtensionDays' | 'complaintAcceptDays' | 'complaintCompleteDays' | 'complaintMaxExtensionDays' | 'holidays' | 'workdays' | 'complainantViewers' | 'acceptanceLevels' | 'photoCheck'>;
const NUMBERS: [keyof Limits, string, string][] = [
  ['noticeDays', '销号前公示天数', '验收后公示，期满无异议方可销号'], ['recheckAfterDays', '销号后复查（天）', '销号后到期复查，防止反弹；0 为不安排'],
  ['findingMaxExtensionDays', '整改时限最多延长（天）', '自原整改时限起算'], ['complaintAcceptDays', '信访受理期限（天）', '自接收之日起'],
  ['complaintCompleteDays', '信访办结期限（天）', '自受理之日起'], ['complaintMaxExtensionDays', '信访延期上限（天）', '经批准可延长一次'],
];
const dates = (text: string) => text.split(/[\s,，、]+/).map((x) => x.trim()).filter(Boolean);

/** 闭环期限: notice, re-check, extension and complaint time limits; the working-day calendar; who sees complainants. */
export function ClosedLoopSettings() {
  const d = useDirectories();
  const s = d.info.settings;
  const [v, setV] = useState({ ...s, holidaysText: s.holidays.join('\n'), workdaysText: s.workdays.join('\n'), photoKm: String(s.photoCheck.maxDistanceKm), photoDays: String(s.photoCheck.maxDaysApart) });
  const [people, setPeople] = useState<Person[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => { void call('people.list', {}).then(setPeople); }, []);
  const save = async (ev: FormEvent) => {
    ev.preventDefault();
    const patch: Limits = {
      noticeDays: Number(v.noticeDays), recheckAfterDays: Number(v.recheckAfterDays), findingMaxExtensionDays: Number(v.findingMaxExtensionDays),
      complaintAcceptDays: Number(v.complaintAcceptDays), complaintCompleteDays: Number(v.complaintCompleteDays), complaintMaxExtensionDays: Number(v.complaintMaxExtensionDays),
      holidays: dates(v.holidaysText), workdays: dates(v.workdaysText), complainantViewers: v.complainantViewers, acceptanceLevels: v.acceptanceLevels,
      photoCheck: { maxDistanceKm: Number(v.photoKm), maxDaysApart: Number(v.photoDays) },
    };
    try { await call('workspace.updateSettings', patch); setErrors({}); setNote('已保存（新登记的信访件按新期限计算，已登记的仍按登记时的期限）'); await d.reload(); }
    catch (e) { if (e instanceof ApiFailure) setErrors(e.fields); setNote((e as Error).message); }
  };
  const toggle = (id: string) => setV({ ...v, complainantViewers: v.complainantViewers.includes(id) ? v.complainantViewers.filter((x) => x !== id) : [...v.complainantViewers, id] });
  return (
    <form className="card" onSubmit={(e) => void save(e)} noValidate aria-label="闭环期限">
      <h2>整改销号、信访与公开期限</h2>
      {note && <p className={`banner ${Object.keys(errors).length ? 'error' : 'ok'}`}>{note}</p>}
      <div className="form-grid">
        {NUMBERS.map(([k, label, hint]) => (
          <Field key={k} label={label} hint={hint} error={errors[k]}><input type="number" min={0} value={String(v[k])} onChange={(e) => setV({ ...v, [k]: e.target.value })} /></Field>
        ))}
        <Field label="照片核对：距检查地点（km）" hint="照片 EXIF 位置超出此距离时在照片和笔录上提示" error={errors['photoCheck.maxDistanceKm'] ?? errors.photoCheck}><input type="number" min={0.1} step={0.1} value={v.photoKm} onChange={(e) => setV({ ...v, photoKm: e.target.value })} /></Field>
        <Field label="照片核对：与检查时间相差（天）" hint="照片 EXIF 时间超出检查起止时间此天数时提示" error={errors['photoCheck.maxDaysApart']}><input type="number" min={0} value={v.photoDays} onChange={(e) => setV({ ...v, photoDays: e.target.value })} /></Field>
        <Field label="法定节假日（每行一个日期）" hint="按国务院当年放假安排填写，用于计算公开期限（工作日）" error={errors.holidays}><textarea rows={4} value={v.holidaysText} onChange={(e) => setV({ ...v, holidaysText: e.target.value })} placeholder="2026-10-01" /></Field>
        <Field label="调休上班日（每行一个日期）" error={errors.workdays}><textarea rows={4} value={v.workdaysText} onChange={(e) => setV({ ...v, workdaysText: e.target.value })} placeholder="2026-10-10" /></Field>
        <FieldGroup label="销号前须经市级复核的问题来源" wide hint="勾选的来源须县级验收后再经市级复核方可公示销号（默认：中央、省级督察交办）">
          {Object.entries(FINDING_SOURCES).map(([k, label]) => (
            <label key={k} className="check"><input type="checkbox" checked={(v.acceptanceLevels[k] ?? ['county']).includes('city')}
              onChange={(e) => setV({ ...v, acceptanceLevels: { ...v.acceptanceLevels, [k]: e.target.checked ? ['county', 'city'] : ['county'] } })} />{label}</label>
          ))}
        </FieldGroup>
        <FieldGroup label="可查看信访人信息的人员" wide hint="其他人员在列表、详情和导出的台账中只看到隐去的姓名与电话">
          {people.filter((p) => p.active).map((p) => <label key={p.id} className="check"><input type="checkbox" checked={v.complainantViewers.includes(p.id)} onChange={() => toggle(p.id)} />{p.name}</label>)}
        </FieldGroup>
      </div>
      <div className="actions"><button type="submit" className="primary">保存</button></div>
    </form>
  );
}
