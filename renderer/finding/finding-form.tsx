import { FINDING_SOURCES, type FindingDraft } from '../../shared/api/findings';
import { DEADLINE_BAND_LABELS, DEADLINE_BANDS } from '../../shared/checklist/deadline-band';
import { call } from '../api';
import { FormPage, useCoreForm } from '../components/core-form';
import { Field } from '../components/field';
import { EnterprisePicker } from '../components/record-picker';
import { useDirectories } from '../directories';
import { navigate } from '../router';

/** 登记问题: a finding handed down (督察交办), from monitoring or from a complaint, raised by hand. */
export function FindingFormPage() {
  const d = useDirectories();
  const f = useCoreForm({
    sourceKind: 'monitoring' as FindingDraft['sourceKind'], number: '', description: '', foundAt: d.info.today, townCode: '', targetId: null as string | null, targetName: '',
    goal: '', measures: '', responsibleUnit: '', partnerUnits: '', leader: '', responsiblePerson: '', deadline: '', legalBasis: '', deadlineBand: 'short' as FindingDraft['deadlineBand'],
  });
  const { v, set, errors } = f;
  const save = () => f.save(async (x) => {
    const r = await call('findings.create', { ...x, number: x.number || null, sourceId: null, targetKind: x.targetId ? 'enterprise' : 'site', targetName: x.targetName || x.description.slice(0, 40) });
    navigate(`/findings/${r.finding.id}`);
  });
  return (
    <FormPage title="登记问题" back="/findings" banner={f.banner} busy={f.busy} onSave={() => void save()}>
      <Field label="问题来源" required><select value={v.sourceKind} onChange={(e) => set({ sourceKind: e.target.value as FindingDraft['sourceKind'] })}>{Object.entries(FINDING_SOURCES).map(([k, l]) => <option key={k} value={k}>{l}</option>)}</select></Field>
      <Field label="问题编号" error={errors.number}><input value={v.number} onChange={(e) => set({ number: e.target.value })} placeholder="交办清单上的编号（可空）" /></Field>
      <Field label="问题描述" required wide error={errors.description}><textarea rows={3} value={v.description} onChange={(e) => set({ description: e.target.value })} /></Field>
      <Field label="发现（交办）日期" required error={errors.foundAt}><input type="date" value={v.foundAt} onChange={(e) => set({ foundAt: e.target.value })} /></Field>
      <Field label="属地镇街" required error={errors.townCode}><select value={v.townCode} onChange={(e) => set({ townCode: e.target.value })}><option value="">请选择</option>{d.towns.map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}</select></Field>
      <Field label="涉及排污单位（可空）"><EnterprisePicker value={v.targetId} name={v.targetName || null} onChange={(id, name) => set({ targetId: id, targetName: name ?? '' })} /></Field>
      {!v.targetId && <Field label="问题点位名称"><input value={v.targetName} onChange={(e) => set({ targetName: e.target.value })} placeholder="如 桃溪河白沙段" /></Field>}
      <Field label="整改目标" wide><input value={v.goal} onChange={(e) => set({ goal: e.target.value })} /></Field>
      <Field label="整改措施" wide><textarea rows={2} value={v.measures} onChange={(e) => set({ measures: e.target.value })} /></Field>
      <Field label="牵头（责任）单位" required error={errors.responsibleUnit}><input value={v.responsibleUnit} onChange={(e) => set({ responsibleUnit: e.target.value })} /></Field>
      <Field label="配合单位"><input value={v.partnerUnits} onChange={(e) => set({ partnerUnits: e.target.value })} /></Field>
      <Field label="责任领导"><input value={v.leader} onChange={(e) => set({ leader: e.target.value })} /></Field>
      <Field label="责任人" required error={errors.responsiblePerson}><input value={v.responsiblePerson} onChange={(e) => set({ responsiblePerson: e.target.value })} /></Field>
      <Field label="整改时限" required error={errors.deadline}><input type="date" value={v.deadline} onChange={(e) => set({ deadline: e.target.value })} /></Field>
      <Field label="时限类别"><select value={v.deadlineBand} onChange={(e) => set({ deadlineBand: e.target.value as FindingDraft['deadlineBand'] })}>{DEADLINE_BANDS.map((b) => <option key={b} value={b}>{DEADLINE_BAND_LABELS[b]}</option>)}</select></Field>
      <Field label="依据" wide><input value={v.legalBasis} onChange={(e) => set({ legalBasis: e.target.value })} /></Field>
    </FormPage>
  );
}
