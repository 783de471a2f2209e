import type { ComplaintDraft } from '../../shared/api/complaints';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS } from '../../shared/complaint/fold';
import { localMinute } from '../../shared/domain/local-time';
import { call } from '../api';
import { FormPage, useCoreForm } from '../components/core-form';
import { Field, FieldGroup } from '../components/field';
import { EnterprisePicker } from '../components/record-picker';
import { useDirectories } from '../directories';
import { navigate } from '../router';

/** 信访登记 (12369 and the rest): who, when, what, where, about whom. */
export function ComplaintFormPage() {
  const d = useDirectories();
  const f = useCoreForm({
    channel: '' as string, receivedAt: `${d.info.today}${localMinute().slice(10)}`, complainantName: '', complainantPhone: '', content: '',
    categories: [] as string[], townCode: '', address: '', targetId: null as string | null, targetName: '',
  });
  const { v, set, errors } = f;
  const save = () => f.save(async (x) => {
    const r = await call('complaints.create', {
      ...x, channel: x.channel as ComplaintDraft['channel'], categories: x.categories as ComplaintDraft['categories'], townCode: x.townCode || null,
      targetKind: x.targetId ? 'enterprise' : x.targetName ? 'site' : null, targetId: x.targetId,
    });
    navigate(`/complaints/${r.complaint.id}`);
  });
  const toggle = (c: string) => set({ categories: v.categories.includes(c) ? v.categories.filter((x) => x !== c) : [...v.categories, c] });
  return (
    <FormPage title="登记信访投诉" back="/complaints" banner={f.banner} busy={f.busy} onSave={() => void save()}>
      <Field label="来源渠道" required error={errors.channel}><select value={v.channel} onChange={(e) => set({ channel: e.target.value })}><option value="">请选择</option>{COMPLAINT_CHANNELS.map((c) => <option key={c}>{c}</option>)}</select></Field>
      <Field label="接收时间" required error={errors.receivedAt}><input type="datetime-local" value={v.receivedAt} onChange={(e) => set({ receivedAt: e.target.value })} /></Field>
      <Field label="信访人" hint="可空（匿名）；仅授权人员可见"><input value={v.complainantName} onChange={(e) => set({ complainantName: e.target.value })} /></Field>
      <Field label="联系电话"><input value={v.complainantPhone} onChange={(e) => set({ complainantPhone: e.target.value })} /></Field>
      <Field label="反映内容" required wide error={errors.content}><textarea rows={4} value={v.content} onChange={(e) => set({ content: e.target.value })} /></Field>
      <FieldGroup label="污染类别（可多选）" required wide error={errors.categories}>
        {COMPLAINT_CATEGORIES.map((c) => <label key={c} className="check"><input type="checkbox" checked={v.categories.includes(c)} onChange={() => toggle(c)} />{c}</label>)}
      </FieldGroup>
      <Field label="所在镇街"><select value={v.townCode} onChange={(e) => set({ townCode: e.target.value })}><option value="">请选择</option>{d.towns.map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}</select></Field>
      <Field label="地点"><input value={v.address} onChange={(e) => set({ address: e.target.value })} /></Field>
      <Field label="被投诉排污单位" error={errors.targetId}><EnterprisePicker value={v.targetId} name={v.targetName || null} onChange={(id, name) => set({ targetId: id, targetName: name ?? '' })} /></Field>
      {!v.targetId && <Field label="或被投诉对象名称"><input value={v.targetName} onChange={(e) => set({ targetName: e.target.value })} placeholder="如 某工地、某餐馆" /></Field>}
    </FormPage>
  );
}
