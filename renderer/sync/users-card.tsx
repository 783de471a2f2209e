import { useState } from 'react';
import type { HubUser } from '../../shared/api/sync';
import { call } from '../api';
import { useDirectories } from '../directories';
import { roleName } from '../../shared/sync/roles';
import { UserForm, type UserDraft } from './user-form';

/**
 * The hub's accounts, for its admins: who may sync, in which role, and a town officer's towns. A new
 * account enrols its laptop with the password given here; 停用 revokes its laptops at once.
 */
export function UsersCard({ users, self, onChanged, onError }: { users: HubUser[]; self: string | null; onChanged: (text: string) => void; onError: (m: string) => void }) {
  const { regionName } = useDirectories();
  const [editing, setEditing] = useState<HubUser | 'new' | null>(null);
  const save = async (d: UserDraft) => {
    try {
      const towns = d.role === 'town' ? d.towns : [];
      if (editing === 'new') {
        const u = await call('sync.addUser', { name: d.name, display: d.display || undefined, role: d.role, towns, password: d.password });
        onChanged(`已新建账号 ${u.name}（${roleName(u.role)}）；其电脑用此账号登记后，由管理员批准`);
      } else if (editing) {
        const u = await call('sync.updateUser', { name: editing.name, patch: { display: d.display || undefined, role: d.role, towns, password: d.password || undefined } });
        onChanged(`已修改账号 ${u.name}${u.role === 'town' ? `，负责镇街 ${u.towns.map(regionName).join('、')}` : ''}`);
      }
      setEditing(null);
    } catch (e) { onError((e as Error).message); }
  };
  const setDisabled = async (u: HubUser, disabled: boolean) => {
    if (disabled && !window.confirm(`停用账号 ${u.name} 后，其所有电脑立即被注销、不能再同步。确定停用？`)) return;
    try {
      await call('sync.updateUser', { name: u.name, patch: { disabled } });
      onChanged(disabled ? `已停用账号 ${u.name}，其电脑已注销` : `已重新启用账号 ${u.name}；其电脑需重新登记`);
    } catch (e) { onError((e as Error).message); }
  };
  return (
    <section className="card" aria-label="账号管理">
      <h2>账号管理（{users.length} 个）</h2>
      <table className="plain">
        <thead><tr><th>账号</th><th>姓名</th><th>角色</th><th>负责镇街</th><th>状态</th><th></th></tr></thead>
        <tbody>{users.map((u) => (
          <tr key={u.name} className={u.disabled ? 'muted' : undefined}>
            <td>{u.name}{u.name === self && '（本人）'}</td><td>{u.display}</td><td>{roleName(u.role)}</td>
            <td>{u.role === 'town' ? u.towns.map(regionName).join('、') : '全县'}</td>
            <td>{u.disabled ? '已停用' : '正常'}</td>
            <td className="buttons">
              <button type="button" aria-label={`修改 ${u.name}`} onClick={() => setEditing(u)}>修改</button>
              {u.name !== self && <button type="button" aria-label={`${u.disabled ? '启用' : '停用'} ${u.name}`} onClick={() => void setDisabled(u, !u.disabled)}>{u.disabled ? '启用' : '停用'}</button>}
            </td>
          </tr>
        ))}</tbody>
      </table>
      {editing ? <UserForm key={editing === 'new' ? 'new' : editing.name} user={editing === 'new' ? null : editing} onSubmit={save} onCancel={() => setEditing(null)} />
        : <div className="actions"><button type="button" onClick={() => setEditing('new')}>新建账号</button></div>}
    </section>
  );
}
