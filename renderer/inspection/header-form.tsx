import { useState } from 'react';
import { INSPECTION_SOURCES, RECUSAL_ANSWERS, type Inspection, type InspectionHeaderPatch } from '../../shared/api/inspections';
import type { Person } from '../../shared/api/people';
import { ApiFailure, call } from '../api';
import { Field } from '../components/field';
import { LocationInput } from './location-input';
import { useDraftText } from './draft-text';

type Props = { insp: Inspection; people: Person[]; shown: Record<string, string>; save: <T>(fn: () => Promise<T>) => Promise<T> };

/** A text field of the header that saves as it is typed (a pause) and when left. */
function HeaderText(p: { label: string; value: string; error?: string; multiline?: boolean; required?: boolean; onSave: (v: string) => void; wide?: boolean }) {
  const { text, setText, flush } = useDraftText(p.value, p.onSave);
  return (
    <Field label={p.label} error={p.error} required={p.required} wide={p.wide}>
      {p.multiline ? <textarea value={text} onChange={(e) => setText(e.target.value)} onBlur={flush} /> : <input value={text} onChange={(e) => setText(e.target.value)} onBlur={flush} />}
    </Field>
  );
}

/** 笔录表头: officers (≥2, with 执法证号), recorder, time, place, position, the person present, what was seen. */
export function HeaderForm({ insp, people, shown, save }: Props) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const problems = { ...shown, ...errors };
  const patch = async (p: InspectionHeaderPatch) => {
    const keys = Object.keys(p).flatMap((k) => (k === 'present' ? Object.keys(p.present ?? {}).map((x) => `present.${x}`) : [k, k === 'lat' ? 'lon' : k]));
    try {
      await save(() => call('inspections.updateHeader', { id: insp.id, patch: p }));
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))));
    } catch (e) {
      if (e instanceof ApiFailure) setErrors((old) => ({ ...old, ...(Object.keys(e.fields).length ? e.fields : { officers: e.message }) }));
    }
  };
  const officerIds = insp.officers.map((o) => o.personId);
  const slots = Math.max(2, officerIds.length + (officerIds.length < 6 ? 1 : 0));
  const setOfficer = (i: number, personId: string) => {
    const next = [...officerIds];
    if (personId) next[i] = personId; else next.splice(i, 1);
    void patch({ officerIds: next.filter(Boolean) });
  };
  const photoPos = insp.photos.find((ph) => ph.lat !== null && ph.lon !== null);
  return (
    <section className="card" aria-label="笔录表头">
      <h2>检查人员与时间地点</h2>
      <div className="form-grid">
        {Array.from({ length: slots }, (_, i) => (
          <Field key={i} label={`执法人员 ${i + 1}`} required={i < 2} error={i === 0 ? problems.officers ?? problems.officerIds : undefined}>
            <select aria-label={`执法人员${i + 1}`} value={officerIds[i] ?? ''} onChange={(e) => setOfficer(i, e.target.value)}>
              <option value="">（请选择）</option>
              {people.map((p) => <option key={p.id} value={p.id} disabled={officerIds.includes(p.id) && officerIds[i] !== p.id}>{p.name}　执法证号 {p.certificateNo ?? '无'}</option>)}
            </select>
          </Field>
        ))}
        <Field label="记录人" required error={problems.recorderId}>
          <select aria-label="记录人" value={insp.recorder?.personId ?? ''} onChange={(e) => void patch({ recorderId: e.target.value || null })}>
            <option value="">（请选择）</option>
            {people.map((p) => <option key={p.id} value={p.id}>{p.name}　{p.certificateNo ?? ''}</option>)}
          </select>
        </Field>
        <Field label="检查开始时间" required error={problems.startedAt}>
          <input type="datetime-local" aria-label="检查开始时间" value={insp.startedAt ?? ''} onChange={(e) => void patch({ startedAt: e.target.value || null })} />
        </Field>
        <Field label="检查结束时间" required error={problems.endedAt}>
          <input type="datetime-local" aria-label="检查结束时间" value={insp.endedAt ?? ''} onChange={(e) => void patch({ endedAt: e.target.value || null })} />
        </Field>
        <HeaderText label="检查地点" required value={insp.place} error={problems.place} onSave={(place) => void patch({ place })} />
        <Field label="现场定位（CGCS2000）" error={problems.lat ?? problems.lon} wide>
          <LocationInput label="现场定位" value={insp.lat !== null && insp.lon !== null ? { lat: insp.lat, lon: insp.lon } : null}
            photoPosition={photoPos ? { lat: photoPos.lat!, lon: photoPos.lon! } : null}
            onSave={(v) => void patch({ lat: v?.lat ?? null, lon: v?.lon ?? null, positionSource: v ? 'typed' : null })} />
        </Field>
      </div>
      <h2>在场人（被检查单位）</h2>
      <div className="form-grid">
        <HeaderText label="姓名" required value={insp.present.name} error={problems['present.name']} onSave={(name) => void patch({ present: { name } })} />
        <HeaderText label="身份证号" value={insp.present.idNumber} error={problems['present.idNumber']} onSave={(idNumber) => void patch({ present: { idNumber } })} />
        <HeaderText label="职务" value={insp.present.post} onSave={(post) => void patch({ present: { post } })} />
        <HeaderText label="电话" value={insp.present.phone} onSave={(phone) => void patch({ present: { phone } })} />
        <Field label="检查来源" required error={problems.source} hint="为何开展本次检查（双随机抽查、信访举报核查、督察交办、日常监管、专项行动）">
          <select aria-label="检查来源" value={insp.source ?? ''} onChange={(e) => void patch({ source: (e.target.value || null) as InspectionHeaderPatch['source'] })}>
            <option value="">（请选择）</option>
            {INSPECTION_SOURCES.map((x) => <option key={x} value={x}>{x}</option>)}
          </select>
        </Field>
        <Field label="是否申请回避（被检查人答复）" required error={problems.recusal} hint="告知回避权利后，记录被检查人的答复">
          <select aria-label="是否申请回避" value={insp.recusal ?? ''} onChange={(e) => void patch({ recusal: (e.target.value || null) as InspectionHeaderPatch['recusal'] })}>
            <option value="">（请选择）</option>
            {RECUSAL_ANSWERS.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </Field>
        {insp.recusal === '申请回避' && <HeaderText label="回避申请处理情况" required wide value={insp.recusalNote} error={problems.recusalNote} onSave={(recusalNote) => void patch({ recusalNote })} />}
        <HeaderText label="现场检查情况" wide multiline value={insp.body} onSave={(body) => void patch({ body })} />
      </div>
    </section>
  );
}
