import { useEffect, useState } from 'react';
import { CASE_SOURCES, type CaseDraft } from '../../shared/api/cases';
import { call } from '../api';
import { hashQuery } from '../hash-query';
import { FormPage, useCoreForm } from '../components/core-form';
import { Field } from '../components/field';
import { useDirectories } from '../directories';
import { navigate } from '../router';

function Form({ draft }: { draft: CaseDraft }) {
  const d = useDirectories();
  const f = useCoreForm(draft);
  const { v, set, errors } = f;
  const save = () => f.save(async (x) => { const r = await call('cases.create', x); navigate(`/cases/${r.case.id}`); });
  return (
    <FormPage title="登记案源" back="/cases" banner={f.banner} busy={f.busy} onSave={() => void save()}>
      <Field label="案源">{CASE_SOURCES[v.sourceKind]}{v.sourceId && <> · <a href={`#/${v.sourceKind}s/${v.sourceId}`}>查看</a></>}</Field>
      <Field label="登记日期" required error={errors.openedAt}><input type="date" value={v.openedAt} onChange={(e) => set({ openedAt: e.target.value })} /></Field>
      <Field label="当事人" required error={errors.party}><input value={v.party} onChange={(e) => set({ party: e.target.value })} /></Field>
      <Field label="统一社会信用代码"><input value={v.uscc} onChange={(e) => set({ uscc: e.target.value })} /></Field>
      <Field label="法定代表人"><input value={v.legalRepresentative} onChange={(e) => set({ legalRepresentative: e.target.value })} /></Field>
      <Field label="地址"><input value={v.address} onChange={(e) => set({ address: e.target.value })} /></Field>
      <Field label="所在镇街"><select value={v.townCode ?? ''} onChange={(e) => set({ townCode: e.target.value || null })}><option value="">请选择</option>{d.towns.map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}</select></Field>
      <Field label="违法事实" required wide error={errors.facts}><textarea rows={4} value={v.facts} onChange={(e) => set({ facts: e.target.value })} /></Field>
    </FormPage>
  );
}

/** 立案查处 from a finding or a complaint (prefilled), or a case source entered by hand. */
export function CaseFormPage() {
  const d = useDirectories();
  const [draft, setDraft] = useState<CaseDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const [kind, id] = (hashQuery().get('from') ?? '').split(':');
    if ((kind === 'finding' || kind === 'complaint') && id) void call('cases.draftFrom', { kind, id }).then(setDraft, (e: Error) => setError(e.message));
    else setDraft({ sourceKind: 'other', sourceId: null, targetKind: null, targetId: null, targetName: '', party: '', uscc: '', legalRepresentative: '', address: '', townCode: null, facts: '', openedAt: d.info.today });
  }, [d.info.today]);
  if (error) return <div className="page"><p className="banner error">{error}</p></div>;
  return draft ? <Form draft={draft} /> : <div className="page muted">加载中…</div>;
}
