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
  const [recovering, setRecovering] = useState(false);
  return (
    <div className="sign-in">
      <div className="card sign-in-card">
        <h1>清水 · 生态环境执法工作台</h1>
        {status.needsSetup && !joining && <SetupForm onDone={onSignedIn} />}
        {status.sealed && <p className="muted sealed-note">本机工作区已加密：登录后才能打开，复制走的数据文件夹读不出任何内容。</p>}
        {!status.needsSetup && !recovering && <SignInForm onDone={onSignedIn} hub={status.hubJoined} />}
        {recovering && <RecoverForm onDone={onSignedIn} onCancel={() => setRecovering(false)} />}
        {status.protected && !status.hubJoined && !recovering && (
          <p><button type="button" className="link" onClick={() => setRecovering(true)}>忘记密码？用恢复码重设</button></p>
        )}
        {status.protected && status.hubJoined && <p className="muted">忘记密码：请同步中心管理员重置密码，再用新密码在本机登录（须联网）。</p>}
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
              <tbody>{status.demoAccounts.map((a) => <tr key={a.user}><td><code>{a.user}</code></td><td>{ROLE_LABELS[a.role]}</td><td>{a.name || '（登录后可见）'}</td></tr>)}</tbody>
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

/** A forgotten password of a workspace without a hub: the recovery code printed when it was protected. */
function RecoverForm({ onDone, onCancel }: { onDone: (s: AuthStatus) => void; onCancel: () => void }) {
  const [v, setV] = useState({ code: '', user: '', newPassword: '', again: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (v.newPassword !== v.again) { setErrors({ again: '两次输入的密码不一致' }); return; }
    setBusy(true);
    try { onDone(await call('auth.recover', { code: v.code, user: v.user, newPassword: v.newPassword })); }
    catch (e) { setErrors(e instanceof ApiFailure ? { ...e.fields, _: e.message } : { _: (e as Error).message }); }
    finally { setBusy(false); }
  };
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="用恢复码重设密码">
      <h2>用恢复码重设密码</h2>
      <p className="muted">恢复码是本工作区加密时显示过一次的 25 位字符（如 ABCDE-FGHJK-…）。用它为一个本机账号设置新密码并登录；此事记入审计日志。</p>
      {errors._ && <p className="banner error" role="alert">{errors._}</p>}
      <Field label="恢复码" required error={errors.code}><input name="code" autoComplete="off" spellCheck={false} value={v.code} onChange={set('code')} /></Field>
      <Field label="用户名" required error={errors.user}><input name="user" autoComplete="username" value={v.user} onChange={set('user')} /></Field>
      <Field label="新密码" required error={errors.newPassword} hint="至少 8 位，须同时包含字母和数字"><input name="newPassword" type="password" autoComplete="new-password" value={v.newPassword} onChange={set('newPassword')} /></Field>
      <Field label="再次输入新密码" required error={errors.again}><input name="again" type="password" autoComplete="new-password" value={v.again} onChange={set('again')} /></Field>
      <div className="form-actions">
        <button className="primary" type="submit" disabled={busy}>{busy ? '正在核对…' : '重设密码并登录'}</button>
        <button type="button" onClick={onCancel}>返回登录</button>
      </div>
    </form>
  );
}
