import { useEffect, useState } from 'react';
import type { Inspection, ProposedFinding } from '../../shared/api/inspections';
import { DEADLINE_BAND_LABELS } from '../../shared/checklist/deadline-band';
import { ApiFailure, call } from '../api';
import { Field } from '../components/field';
import { useDraftText } from './draft-text';

type Patch = Partial<Pick<ProposedFinding, 'included' | 'description' | 'legalBasis' | 'responsibleUnit' | 'responsiblePerson' | 'deadline' | 'measures'>>;

function FindingCard({ insp, f, shown, save }: { insp: Inspection; f: ProposedFinding; shown: Record<string, string>; save: <T>(fn: () => Promise<T>) => Promise<T> }) {
  const [draft, setDraft] = useState(f);
  const [error, setError] = useState<string | null>(null);
  // Reset only when the saved content changed (a reload brings a new object with the same content).
  useEffect(() => setDraft(f), [JSON.stringify(f)]); // eslint-disable-line react-hooks/exhaustive-deps
  const commit = async (patch: Patch) => {
    try {
      await save(() => call('inspections.reviewFinding', { id: insp.id, itemId: f.itemId, patch }));
      setError(null);
    } catch (e) { setError(e instanceof ApiFailure ? e.message : (e as Error).message); }
  };
  const text = (key: 'description' | 'legalBasis' | 'responsibleUnit' | 'responsiblePerson' | 'measures', label: string, required = false, wide = false) => (
    <Field label={label} required={required} wide={wide}>
      <FindingText label={label} value={f[key]} onSave={(v) => void commit({ [key]: v })} />
    </Field>
  );
  const problem = shown[`finding:${f.itemId}`] ?? error;
  return (
    <div className={`finding-card${draft.included ? '' : ' excluded'}${problem ? ' has-error' : ''}`} data-finding={f.itemId}>
      <label className="check"><input type="checkbox" checked={draft.included} onChange={(e) => { setDraft({ ...draft, included: e.target.checked }); void commit({ included: e.target.checked }); }} />
        形成问题　<small className="muted">来自：{f.itemLabel} · {DEADLINE_BAND_LABELS[f.deadlineBand]}</small></label>
      {draft.included && (
        <div className="form-grid">
          {text('description', '问题描述', true, true)}
          {text('legalBasis', '法律依据', false, true)}
          {text('responsibleUnit', '责任单位', true)}
          {text('responsiblePerson', '责任人', true)}
          <Field label="整改时限" required>
            <input type="date" aria-label="整改时限" value={draft.deadline ?? ''} onChange={(e) => { setDraft({ ...draft, deadline: e.target.value || null }); void commit({ deadline: e.target.value || null }); }} />
          </Field>
          {text('measures', '整改措施', false, true)}
        </div>
      )}
      {problem && <p className="field-error" role="alert">{problem}</p>}
    </div>
  );
}

/** 问题: what the failing items propose, reviewed by the inspector before the record is finalized. */
export function FindingsReview({ insp, shown, save }: { insp: Inspection; shown: Record<string, string>; save: <T>(fn: () => Promise<T>) => Promise<T> }) {
  return (
    <section className="card" aria-label="发现的问题">
      <h2>发现的问题（{insp.findings.filter((f) => f.included).length}）</h2>
      {insp.findings.length === 0 ? <p className="muted">暂无不符合项。检查项选为不符合时，这里会提出问题，由您确认责任单位、责任人和整改时限。</p>
        : insp.findings.map((f) => <FindingCard key={f.itemId} insp={insp} f={f} shown={shown} save={save} />)}
    </section>
  );
}

/** One text of a proposed problem, saved as it is typed (a pause) and when left (issue 20). */
function FindingText(p: { label: string; value: string; onSave: (v: string) => void }) {
  const { text, setText, flush } = useDraftText(p.value, p.onSave);
  return <input aria-label={p.label} value={text} onChange={(e) => setText(e.target.value)} onBlur={flush} />;
}
