import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useAsk } from '../components/ask-dialog';
import type { Account } from '../../shared/api/auth';
import type { Person } from '../../shared/api/people';
import { ROLE_LABELS, type Role } from '../../shared/auth/permissions';
import { ApiFailure, call } from '../api';
import { Field } from '../components/field';
import { useDirectories } from '../directories';

const BLANK = { user: '', personId: '', role: 'inspector' as Role, towns: [] as string[], password: '' };

/** 账号与权限 (administrators): who may sign in here, with which role; disable, reset a password. */
export function AccountsSection() {
  const d = useDirectories();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [adding, setAdding] = useState(false);
  const [asking, ask] = useAsk();
  const [draft, setDraft] = useState(BLANK);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const load = useCallback(() => { void call('auth.accounts', {}).then(setAccounts); void call('people.list', {}).then(setPeople); }, []);
  useEffect(load, [load]);
  const fail = (e: unknown) => setErrors(e instanceof ApiFailure ? { ...e.fields, _: e.message } : { _: (e as Error).message });
  const add = async (ev: FormEvent) => {
    ev.preventDefault();
    try { await call('auth.createAccount', draft); setDraft(BLANK); setErrors({}); setAdding(false); load(); } catch (e) { fail(e); }
  };
  const toggle = async (a: Account) => { try { await call('auth.updateAccount', { user: a.name, disabled: !a.disabled }); setErrors({}); load(); } catch (e) { fail(e); } };
  const reset = async (a: Account) => {
    const password = await ask({ title: '重置密码', label: '新密码', secret: true, minLength: 8, hint: `为 ${a.personName}（${a.name}）设置新密码：至少 8 位，含字母和数字。`, confirm: '重置' });
    if (!password) return;
    try { await call('auth.resetPassword', { user: a.name, password }); setErrors({}); load(); } catch (e) { fail(e); }
  };
  return (
    <section className="card" aria-label="账号与权限">
      {asking}
      <h2>账号与权限<button className="link right" onClick={() => setAdding(!adding)}>{adding ? '取消' : '添加账号'}</button></h2>
      {errors._ && <p className="banner error" role="alert">{errors._}</p>}
      {adding && (
        <form onSubmit={(e) => void add(e)} noValidate className="inline-form" aria-label="添加账号">
          <div className="form-grid">
            <Field label="用户名" required error={errors.user}><input name="accountUser" value={draft.user} onChange={(e) => setDraft({ ...draft, user: e.target.value })} /></Field>
            <Field label="人员" required error={errors.personId}>
              <select name="accountPerson" value={draft.personId} onChange={(e) => setDraft({ ...draft, personId: e.target.value })}>
                <option value="">（请选择人员名录中的人员）</option>{people.map((p) => <option key={p.id} value={p.id}>{p.name}（{p.role}{p.townName ? `，${p.townName}` : ''}）</option>)}
              </select>
            </Field>
            <Field label="角色" required error={errors.role}>
              <select name="accountRole" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
                {(Object.keys(ROLE_LABELS) as Role[]).map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
              </select>
            </Field>
            {draft.role === 'town' && (
              <Field label="负责镇街" error={errors.towns} hint="不选则为该人员所属镇街">
                <select name="accountTowns" multiple value={draft.towns} onChange={(e) => setDraft({ ...draft, towns: [...e.target.selectedOptions].map((o) => o.value) })}>
                  {d.towns.map((x) => <option key={x.code} value={x.code}>{x.name}</option>)}
                </select>
              </Field>
            )}
            <Field label="初始密码" required error={errors.password} hint="至少 8 位，含字母和数字"><input name="accountPassword" type="password" autoComplete="new-password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} /></Field>
          </div>
          <div className="form-actions"><button className="primary" type="submit">添加</button></div>
        </form>
      )}
      <table className="grid">
        <thead><tr><th>用户名</th><th>人员</th><th>角色</th><th>负责镇街</th><th>最近登录</th><th>状态</th><th></th></tr></thead>
        <tbody>{accounts.map((a) => (
          <tr key={a.name} className={a.disabled ? 'muted' : ''}>
            <td><code>{a.name}</code></td><td>{a.personName}</td><td>{ROLE_LABELS[a.role]}</td><td>{a.towns.map((t) => d.regionName(t)).join('、')}</td>
            <td>{a.lastSignIn?.slice(0, 16).replace('T', ' ') ?? ''}</td>
            <td>{a.disabled ? '已停用' : a.lockedUntil && a.lockedUntil > new Date().toISOString() ? '已锁定' : '正常'}</td>
            <td><button className="link" onClick={() => void toggle(a)}>{a.disabled ? '启用' : '停用'}</button> <button className="link" onClick={() => void reset(a)}>重置密码</button></td>
          </tr>
        ))}</tbody>
      </table>
    </section>
  );
}
