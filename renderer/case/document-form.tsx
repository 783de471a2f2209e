import { useEffect, useState, type ReactNode } from 'react';
import type { Person } from '../../shared/api/people';
import { DOCUMENT_TITLES, NUMBERED_KINDS, type DocumentKind } from '../../shared/enforcement/kinds';
import { ApiFailure, call } from '../api';
import { Field } from '../components/field';
import { navigate } from '../router';
import { QaEditor, type Qa } from './qa-editor';

type Values = Record<string, unknown>;
type Draft = Awaited<ReturnType<typeof call<'cases.documentDraft'>>>;

const TEXTS: Record<Exclude<DocumentKind, 'inquiry'>, [string, string, 'textarea' | 'text' | 'date' | 'number' | 'check'][]> = {
  order: [['facts', '违法事实', 'textarea'], ['evidence', '证据', 'textarea'], ['violated', '违反的法律条款', 'textarea'], ['basis', '责令改正的依据', 'text'], ['requirement', '改正要求', 'textarea'], ['deadline', '改正期限', 'date']],
  notice: [['facts', '违法事实', 'textarea'], ['evidence', '证据', 'textarea'], ['violated', '违反的法律条款', 'textarea'], ['penaltyBasis', '处罚依据', 'text'], ['proposed', '拟作出的行政处罚', 'textarea'], ['amount', '拟罚款金额（元）', 'number'], ['hearing', '告知听证权利（较大数额罚款、责令停产停业、吊销许可证等，行政处罚法 第六十三条）', 'check'], ['contact', '联系人及联系电话', 'text'], ['address', '我局地址', 'text']],
  penalty: [['facts', '违法事实', 'textarea'], ['evidence', '证据', 'textarea'], ['statementReview', '陈述申辩（听证）情况及采纳意见', 'textarea'], ['violated', '违反的法律条款', 'textarea'], ['penaltyBasis', '处罚依据', 'text'], ['penalty', '处罚内容', 'textarea'], ['amount', '罚款金额（元，无罚款留空）', 'number'], ['payTo', '缴款方式（有罚款时）', 'text'], ['performance', '履行方式和期限（罚款以外的处罚）', 'textarea']],
};

/** 制作文书: a document of the case file filled from the case, checked, numbered, frozen and signed by the core. */
export function DocumentFormPage({ caseId, kind }: { caseId: string; kind: DocumentKind }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [v, setV] = useState<Values>({});
  const [number, setNumber] = useState('');
  const [issuedAt, setIssuedAt] = useState('');
  const [remedies, setRemedies] = useState({ reviewBody: '', court: '' });
  const [people, setPeople] = useState<Person[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void call('people.list', {}).then((ps) => setPeople(ps.filter((p) => p.active)));
    call('cases.documentDraft', { id: caseId, kind }).then((d) => {
      setDraft(d); setV(d.fields); setNumber(d.number); setRemedies({ reviewBody: d.remedies?.reviewBody ?? '', court: d.remedies?.court ?? '' });
    }, (e: Error) => setError(e.message));
  }, [caseId, kind]);
  if (!draft) return <div className="page">{error ? <p className="banner error">{error}</p> : <p className="muted">加载中…</p>}</div>;
  const set = (name: string, value: unknown) => setV((old) => ({ ...old, [name]: value }));
  const officerIds = (v.officerIds as string[] | undefined) ?? [];
  const submit = async () => {
    setBusy(true); setError(null); setErrors({});
    try {
      const fields = { ...v, amount: v.amount === '' || v.amount === undefined || v.amount === null ? null : Number(v.amount), officerIds: officerIds.filter(Boolean) };
      await call('cases.issueDocument', {
        id: caseId, fields: fields as never, ...(number.trim() ? { number } : {}), ...(issuedAt ? { issuedAt } : {}),
        ...(kind !== 'inquiry' ? { remedies } : {}),
      });
      navigate(`/cases/${caseId}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      if (e instanceof ApiFailure) setErrors(e.fields);
    } finally { setBusy(false); }
  };
  const row = (name: string, label: string, input: ReactNode, wide = false) => <Field key={name} label={label} required error={errors[`fields.${name}`]} wide={wide}>{input}</Field>;
  const textInput = (name: string, type: string, label: string) => type === 'textarea'
    ? <textarea rows={4} aria-label={label} value={String(v[name] ?? '')} onChange={(e) => set(name, e.target.value)} />
    : <input type={type} aria-label={label} value={String(v[name] ?? '')} onChange={(e) => set(name, e.target.value)} />;
  return (
    <div className="page detail-page">
      <header className="page-head">
        <button className="link" onClick={() => navigate(`/cases/${caseId}`)}>← 返回案件</button>
        <h1>制作{DOCUMENT_TITLES[kind]}</h1>
      </header>
      <form className="card" aria-label={`制作${DOCUMENT_TITLES[kind]}`} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <p className="muted">提交后文书即冻结（计算 SHA-256、以本机密钥签名并接入本案文书链），不能再修改；有误须另行制作。</p>
        <div className="form-grid">
          {NUMBERED_KINDS.includes(kind) && (
            <Field label="文号" required error={errors.number} hint={draft.numberedBy === 'prefix' ? '按本局文号规则自动编号，可改写' : '未设置文号前缀（设置 → 执法文书），请手工填写'}>
              <input aria-label="文号" value={number} onChange={(e) => setNumber(e.target.value)} placeholder="如 清环责改〔2026〕12号" />
            </Field>
          )}
          <Field label="制作日期" hint="默认今天" error={errors.issuedAt}><input type="date" aria-label="制作日期" value={issuedAt} onChange={(e) => setIssuedAt(e.target.value)} /></Field>
          {[0, 1, 2].map((i) => (
            <Field key={i} label={kind === 'inquiry' ? `询问人 ${i + 1}` : `承办人 ${i + 1}`} required={i < 2} error={i === 0 ? errors['fields.officerIds'] : undefined}>
              <select aria-label={`执法人员${i + 1}`} value={officerIds[i] ?? ''} onChange={(e) => { const next = [...officerIds]; next[i] = e.target.value; set('officerIds', next); }}>
                <option value="">{i < 2 ? '请选择' : '（可不选）'}</option>
                {/* 行政处罚法 第四十二条: only holders of a 执法证 act as officers. */}
                {people.filter((p) => p.certificateNo).map((p) => <option key={p.id} value={p.id}>{p.name}　执法证号 {p.certificateNo}</option>)}
              </select>
            </Field>
          ))}
          {kind === 'inquiry' ? <InquiryFields v={v} set={set} errors={errors} people={people} notice={draft.notice} /> : TEXTS[kind].map(([name, label, type]) => type === 'check'
            ? <label key={name} className="check wide"><input type="checkbox" checked={v[name] === true} onChange={(e) => set(name, e.target.checked)} /> {label}</label>
            : row(name, label, textInput(name, type, label), type === 'textarea'))}
          {kind !== 'inquiry' && <>
            <Field label="行政复议机关" required error={errors.remedies} hint="行政复议法（2023）第二十四条：本级人民政府"><input aria-label="行政复议机关" value={remedies.reviewBody} onChange={(e) => setRemedies({ ...remedies, reviewBody: e.target.value })} /></Field>
            <Field label="人民法院" required hint="行政诉讼法 第十八条：作出行政行为的行政机关所在地"><input aria-label="人民法院" value={remedies.court} onChange={(e) => setRemedies({ ...remedies, court: e.target.value })} /></Field>
          </>}
        </div>
        {error && <p className="banner error" role="alert">{error}</p>}
        <div className="actions"><button type="submit" className="primary" disabled={busy}>{busy ? '生成中…' : '生成并冻结文书'}</button></div>
      </form>
    </div>
  );
}

/** 调查询问笔录: time and place, the recorder, who was asked, the recusal answer, the questions and answers. */
function InquiryFields({ v, set, errors, people, notice }: { v: Values; set: (n: string, x: unknown) => void; errors: Record<string, string>; people: Person[]; notice: string }) {
  const who = (v.interviewee ?? {}) as Record<string, string>;
  const setWho = (k: string, x: string) => set('interviewee', { ...who, [k]: x });
  const e = (k: string) => errors[`fields.${k}`];
  return <>
    <Field label="询问开始时间" required error={e('startedAt')}><input type="datetime-local" aria-label="询问开始时间" value={String(v.startedAt ?? '')} onChange={(x) => set('startedAt', x.target.value)} /></Field>
    <Field label="询问结束时间" required error={e('endedAt')}><input type="datetime-local" aria-label="询问结束时间" value={String(v.endedAt ?? '')} onChange={(x) => set('endedAt', x.target.value)} /></Field>
    <Field label="询问地点" required error={e('place')}><input aria-label="询问地点" value={String(v.place ?? '')} onChange={(x) => set('place', x.target.value)} /></Field>
    <Field label="记录人"><select aria-label="记录人" value={String(v.recorderId ?? '')} onChange={(x) => set('recorderId', x.target.value || null)}><option value="">（询问人记录）</option>{people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></Field>
    <Field label="被询问人姓名" required error={e('interviewee')}><input aria-label="被询问人姓名" value={who.name ?? ''} onChange={(x) => setWho('name', x.target.value)} /></Field>
    <Field label="性别" required><select aria-label="被询问人性别" value={who.gender ?? ''} onChange={(x) => setWho('gender', x.target.value)}><option value="">请选择</option><option>男</option><option>女</option></select></Field>
    <Field label="身份证号"><input aria-label="被询问人身份证号" value={who.idNumber ?? ''} onChange={(x) => setWho('idNumber', x.target.value)} /></Field>
    <Field label="工作单位及职务"><input aria-label="被询问人职务" value={who.post ?? ''} onChange={(x) => setWho('post', x.target.value)} /></Field>
    <Field label="联系电话"><input aria-label="被询问人电话" value={who.phone ?? ''} onChange={(x) => setWho('phone', x.target.value)} /></Field>
    <Field label="与当事人的关系" required><input aria-label="与当事人的关系" value={who.relation ?? ''} placeholder="如 法定代表人、环保负责人" onChange={(x) => setWho('relation', x.target.value)} /></Field>
    <p className="record-notice wide">{notice}</p>
    <Field label="是否申请回避" required error={e('recusal')}><select aria-label="是否申请回避" value={String(v.recusal ?? '')} onChange={(x) => set('recusal', x.target.value)}><option value="">请选择</option><option>不申请回避</option><option>申请回避</option></select></Field>
    <div className="wide"><QaEditor value={(v.qa as Qa[]) ?? []} onChange={(qa) => set('qa', qa)} error={e('qa')} /></div>
  </>;
}
