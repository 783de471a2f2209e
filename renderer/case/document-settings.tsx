import { useState, type FormEvent } from 'react';
import { ApiFailure, call } from '../api';
import { Field } from '../components/field';
import { useDirectories } from '../directories';

/** 执法文书: the bureau's 文号 prefixes, the 复议机关 and 人民法院 named in decisions, where fines are paid. */
export function DocumentSettings() {
  const d = useDirectories();
  const s = d.info.settings;
  const [v, setV] = useState({ ...s.documentPrefixes, reviewBody: s.reviewBody, courtName: s.courtName, paymentAccount: s.paymentAccount });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [note, setNote] = useState<string | null>(null);
  const save = async (ev: FormEvent) => {
    ev.preventDefault();
    try {
      await call('workspace.updateSettings', { documentPrefixes: { order: v.order, notice: v.notice, penalty: v.penalty }, reviewBody: v.reviewBody, courtName: v.courtName, paymentAccount: v.paymentAccount });
      setErrors({}); setNote('已保存'); await d.reload();
    } catch (e) { if (e instanceof ApiFailure) setErrors(e.fields); setNote((e as Error).message); }
  };
  const input = (k: keyof typeof v, label: string, hint: string) => (
    <Field key={k} label={label} hint={hint} error={errors[k] ?? errors.documentPrefixes}><input aria-label={label} value={v[k]} onChange={(e) => setV({ ...v, [k]: e.target.value })} /></Field>
  );
  return (
    <form className="card" onSubmit={(e) => void save(e)} noValidate aria-label="执法文书设置">
      <h2>执法文书</h2>
      {note && <p className={`banner ${Object.keys(errors).length ? 'error' : 'ok'}`}>{note}</p>}
      <div className="form-grid">
        {input('order', '责令改正决定书文号前缀', '如 清环责改 → 清环责改〔2026〕1号；留空则每次手工填写')}
        {input('notice', '事先（听证）告知书文号前缀', '如 清环罚告')}
        {input('penalty', '行政处罚决定书文号前缀', '如 清环罚')}
        {input('reviewBody', '行政复议机关', `留空即“${s.countyName}人民政府”（行政复议法 第二十四条）`)}
        {input('courtName', '人民法院', '提起行政诉讼的法院，如 清水县人民法院')}
        {input('paymentAccount', '罚款缴纳方式', '代收银行、账户或电子缴款渠道，印在处罚决定书上')}
      </div>
      <div className="actions"><button type="submit" className="primary">保存</button></div>
    </form>
  );
}
