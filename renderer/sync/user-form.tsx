import { useState, type FormEvent } from 'react';
import type { HubUser } from '../../shared/api/sync';
import { HUB_ROLES, type HubRole } from '../../shared/sync/roles';
import { Field } from '../components/field';
import { useDirectories } from '../directories';


export type UserDraft = { name: string; display: string; role: HubRole; towns: string[]; password: string };

/**
 * One account's form: a new one (account name and first password required) or an existing one
 * (name fixed; a password typed here replaces theirs). A town officer's towns are ticked from the
 * county's towns.
 */
export function UserForm({ user, onSubmit, onCancel }: { user: HubUser | null; onSubmit: (d: UserDraft) => Promise<void>; onCancel: () => void }) {
  const { towns } = useDirectories();
  const [d, setD] = useState<UserDraft>({ name: user?.name ?? '', display: user?.display ?? '', role: (user?.role as HubRole) ?? 'inspector', towns: user?.towns ?? [], password: '' });
  const [busy, setBusy] = useState(false);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setBusy(true);
    try { await onSubmit(d); } finally { setBusy(false); }
  };
  const tick = (code: string, on: boolean) => setD({ ...d, towns: on ? [...d.towns, code] : d.towns.filter((t) => t !== code) });
  return (
    <form className="user-form" onSubmit={(e) => void submit(e)} aria-label={user ? `修改账号 ${user.name}` : '新建账号'} noValidate>
      <h3>{user ? `修改账号 ${user.name}` : '新建账号'}</h3>
      <div className="form-grid">
        {!user && <Field label="账号" required hint="登录用，字母、数字、汉字或 . _ -"><input name="name" value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} /></Field>}
        <Field label="姓名"><input name="display" value={d.display} onChange={(e) => setD({ ...d, display: e.target.value })} /></Field>
        <Field label="角色" required>
          <select name="role" value={d.role} onChange={(e) => setD({ ...d, role: e.target.value as HubRole })}>
            {Object.entries(HUB_ROLES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </Field>
        <Field label={user ? '新密码' : '初始密码'} required={!user} hint={user ? '不改密码请留空；至少 8 位' : '至少 8 位，请当面告知本人'}>
          <input name="password" type="password" autoComplete="new-password" value={d.password} onChange={(e) => setD({ ...d, password: e.target.value })} />
        </Field>
      </div>
      {d.role === 'town' && (
        <fieldset className="checks" aria-label="负责镇街">
          <legend>负责镇街（其电脑只收到并只能修改这些镇街的记录；新增的镇街下次同步时取得）</legend>
          {towns.map((t) => (
            <label key={t.code}><input type="checkbox" checked={d.towns.includes(t.code)} onChange={(e) => tick(t.code, e.target.checked)} />{t.name}</label>
          ))}
        </fieldset>
      )}
      <div className="actions">
        <button type="button" onClick={onCancel}>取消</button>
        <button type="submit" className="primary" disabled={busy}>{user ? '保存' : '新建'}</button>
      </div>
    </form>
  );
}
