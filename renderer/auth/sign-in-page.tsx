import { lazy, Suspense, useState, type FormEvent } from 'react';
import type { AuthStatus } from '../../shared/api/auth';
import { ROLE_LABELS } from '../../shared/auth/permissions';
import { ApiFailure, call } from '../api';
import { Field } from '../components/field';

const SyncPage = lazy(() => import('../sync/sync-page').then((m) => ({ default: m.SyncPage })));

/**
 * 登录 (issue 18). A workspace nobody has an account on yet either creates its administrator (a bureau
 * without a hub) or joins the bureau's hub first, after which people sign in with their hub accounts.
 * The demo county names its accounts.
 */
export function SignInPage({ status, onSignedIn, onChanged }: { status: AuthStatus; onSignedIn: (s: AuthStatus) => void; onChanged: () => void }) {
  const [joining, setJoining] = useState(status.hubJoined && status.noAccounts);
  return (
    <div className="sign-in">
      <div className="card sign-in-card">
        <h1>清水 · 生态环境执法工作台</h1>
        {status.needsSetup && !joining && <SetupForm onDone={onSignedIn} />}
        {!status.needsSetup && <SignInForm onDone={onSignedIn} hub={status.hubJoined} />}
        {status.noAccounts && (
          <p><button type="button" className="link" onClick={() => setJoining(!joining)}>
            {joining ? (status.needsSetup ? '返回：创建本机管理员' : '收起同步') : status.hubJoined ? '同步（首次登录前先收到本局数据）' : '本局已有同步中心？登记本机到同步中心'}
          </button></p>
        )}
        {status.demoAccounts.length > 0 && (
          <section className="demo-accounts" aria-label="演示账号">
            <h3>演示县账号（密码均为 <code>{status.demoAccounts[0].password}</code>）</h3>
            <table className="grid">
              <thead><tr><th>用户名</th><th>角色</th><th>姓名</th></tr></thead>
              <tbody>{status.demoAccounts.map((a) => <tr key={a.user}><td><code>{a.user}</code></td><td>{ROLE_LABELS[a.role]}</td><td>{a.name}</td></tr>)}</tbody>
            </table>
          </section>
        )}
      </div>
      {status.noAccounts && joining && <div className="sign-in-join"><Suspense fallback={null}><SyncPage onSynced={onChanged} /></Suspense></div>}
    </div>
  );
}

function SignInForm({ onDone, hub }: { onDone: (s: AuthStatus) => void; hub: boolean }) {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setBusy(true);
    try { onDone(await call('auth.signIn', { user, password })); } catch (e) { setError((e as Error).message); setPassword(''); } finally { setBusy(false); }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="登录">
      <h2>登录</h2>
      {hub && <p className="muted">请用同步中心账号登录；某账号在本机首次登录时须能连上同步中心，之后可离线登录。</p>}
      {error && <p className="banner error" role="alert">{error}</p>}
      <Field label="用户名" required><input name="user" autoComplete="username" autoFocus value={user} onChange={(e) => setUser(e.target.value)} /></Field>
      <Field label="密码" required><input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} /></Field>
      <div className="form-actions"><button className="primary" type="submit" disabled={busy}>{busy ? '正在登录…' : '登录'}</button></div>
    </form>
  );
}

function SetupForm({ onDone }: { onDone: (s: AuthStatus) => void }) {
  const [v, setV] = useState({ user: 'admin', personName: '', password: '', again: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (v.password !== v.again) { setErrors({ again: '两次输入的密码不一致' }); return; }
    try { onDone(await call('auth.setup', { user: v.user, personName: v.personName, password: v.password })); }
    catch (e) { setErrors(e instanceof ApiFailure ? { ...e.fields, _: e.message } : { _: (e as Error).message }); }
  };
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="创建管理员">
      <h2>首次使用：创建管理员账号</h2>
      <p className="muted">管理员负责添加人员和账号、分配角色和权限。本局已在用同步中心的，请先创建本机管理员，再在“同步”中登记到同步中心。</p>
      {errors._ && <p className="banner error" role="alert">{errors._}</p>}
      <Field label="用户名" required error={errors.user}><input name="user" value={v.user} onChange={set('user')} /></Field>
      <Field label="姓名" required error={errors.personName}><input name="personName" value={v.personName} onChange={set('personName')} /></Field>
      <Field label="密码" required error={errors.password} hint="至少 8 位，须同时包含字母和数字"><input name="password" type="password" autoComplete="new-password" value={v.password} onChange={set('password')} /></Field>
      <Field label="再次输入密码" required error={errors.again}><input name="again" type="password" autoComplete="new-password" value={v.again} onChange={set('again')} /></Field>
      <div className="form-actions"><button className="primary" type="submit">创建并登录</button></div>
    </form>
  );
}
