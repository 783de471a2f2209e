import { useState, type FormEvent } from 'react';
import { ROLE_LABELS } from '../../shared/auth/permissions';
import { ApiFailure, call } from '../api';
import { Field } from '../components/field';
import { useAuth } from './auth-context';

/** 我的账号: who is signed in, the PIN that unlocks after an idle lock, and one's own password. */
export function AccountPage() {
  const { status, reload } = useAuth();
  const a = status.account!;
  return (
    <div className="page">
      <header className="page-head"><h1>我的账号</h1></header>
      <section className="card">
        <p>{a.personName}（<code>{a.name}</code>）· {ROLE_LABELS[a.role]}{a.towns.length ? ` · 负责镇街 ${a.towns.join('、')}` : ''}{a.source === 'hub' ? ' · 同步中心账号' : ''}</p>
        <p className="muted">闲置 {status.idleLockMinutes} 分钟后自动锁定；PIN {a.hasPin ? '已设置' : '未设置（锁定后须输入密码）'}。</p>
      </section>
      <SecretForm title={a.hasPin ? '修改 PIN' : '设置 PIN'} fields={[['pin', 'PIN（6 位数字）']]} submit={async (v) => { await call('auth.setPin', { pin: v.pin, password: v.password }); await reload(); return 'PIN 已设置'; }} />
      {a.source === 'local' && <SecretForm title="修改密码" fields={[['newPassword', '新密码（至少 8 位，含字母和数字）'], ['again', '再次输入新密码']]} submit={async (v) => {
        if (v.newPassword !== v.again) throw new Error('两次输入的新密码不一致');
        await call('auth.changePassword', { password: v.password, newPassword: v.newPassword });
        return '密码已修改';
      }} />}
    </div>
  );
}

function SecretForm(p: { title: string; fields: [string, string][]; submit: (v: Record<string, string>) => Promise<string> }) {
  const blank = Object.fromEntries([['password', ''], ...p.fields.map(([k]) => [k, ''])]) as Record<string, string>;
  const [v, setV] = useState(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    try { setDone(await p.submit(v)); setV(blank); setErrors({}); }
    catch (e) { setDone(null); setErrors(e instanceof ApiFailure ? { ...e.fields, _: e.message } : { _: (e as Error).message }); }
  };
  return (
    <form className="card" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={p.title}>
      <h2>{p.title}</h2>
      {errors._ && <p className="banner error" role="alert">{errors._}</p>}
      {done && <p className="banner ok">{done}</p>}
      <div className="form-grid">
        <Field label="当前密码" required error={errors.password}><input name="password" type="password" autoComplete="current-password" value={v.password} onChange={(e) => setV({ ...v, password: e.target.value })} /></Field>
        {p.fields.map(([k, label]) => (
          <Field key={k} label={label} required error={errors[k]}><input name={k} type="password" autoComplete="new-password" value={v[k]} onChange={(e) => setV({ ...v, [k]: e.target.value })} /></Field>
        ))}
      </div>
      <div className="form-actions"><button className="primary" type="submit">保存</button></div>
    </form>
  );
}
