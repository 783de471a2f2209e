import { useState, type FormEvent } from 'react';
import type { AuthStatus } from '../../shared/api/auth';
import { call } from '../api';
import { Field } from '../components/field';

/** The idle lock: the person's PIN (or password) unlocks; 退出 lets another person sign in. */
export function LockScreen({ status, onDone }: { status: AuthStatus; onDone: (s: AuthStatus) => void }) {
  const account = status.account!;
  const [withPassword, setWithPassword] = useState(!account.hasPin);
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    try { onDone(await call('auth.unlock', withPassword ? { password: secret } : { pin: secret })); }
    catch (e) {
      const message = (e as Error).message;
      setError(message);
      setSecret('');
      if (message.includes('请输入密码')) setWithPassword(true);
    }
  };
  return (
    <div className="modal-backdrop lock-screen">
      <form className="modal" role="dialog" aria-label="已锁定" onSubmit={(e) => void submit(e)} noValidate>
        <h2>已锁定</h2>
        <p className="muted">{account.personName}（{account.name}）离开超过 {status.idleLockMinutes} 分钟，工作台已锁定。</p>
        {error && <p className="banner error" role="alert">{error}</p>}
        {withPassword
          ? <Field label="密码"><input name="password" type="password" autoFocus value={secret} onChange={(e) => setSecret(e.target.value)} /></Field>
          : <Field label="PIN（6 位数字）"><input name="pin" type="password" inputMode="numeric" maxLength={6} autoFocus value={secret} onChange={(e) => setSecret(e.target.value)} /></Field>}
        <div className="form-actions">
          <button className="primary" type="submit">解锁</button>
          {account.hasPin && <button type="button" className="link" onClick={() => { setWithPassword(!withPassword); setSecret(''); }}>{withPassword ? '用 PIN 解锁' : '用密码解锁'}</button>}
          <button type="button" onClick={() => void call('auth.signOut', {}).then(onDone)}>退出，换人登录</button>
        </div>
      </form>
    </div>
  );
}
