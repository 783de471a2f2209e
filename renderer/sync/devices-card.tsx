import type { HubDevice } from '../../shared/api/sync';
import { DEVICE_STATES as STATES, roleName } from '../../shared/sync/roles';
import { call } from '../api';

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

/**
 * The hub's laptops, for its admins: approve a new enrolment, revoke a lost or handed-back laptop,
 * see which laptop last synced when and whose clock is set wrong. Pending ones come first.
 */
export function DevicesCard({ devices, self, onChanged, onError }: {
  devices: HubDevice[]; self: string | null; onChanged: (text: string) => void; onError: (m: string) => void;
}) {
  const order = { pending: 0, approved: 1, revoked: 2 };
  const rows = [...devices].sort((a, b) => order[a.state] - order[b.state] || b.createdAt.localeCompare(a.createdAt));
  const set = async (d: HubDevice, state: 'approved' | 'revoked') => {
    if (state === 'revoked' && !window.confirm(`注销后，设备“${d.name}”（${d.userDisplay}）不能再同步，它尚未上传的变更也无法送达。确定注销？`)) return;
    try {
      await call('sync.setDeviceState', { id: d.id, state });
      onChanged(state === 'approved' ? `已批准 ${d.userDisplay} 的设备“${d.name}”，它现在可以同步` : `已注销 ${d.userDisplay} 的设备“${d.name}”`);
    } catch (e) { onError((e as Error).message); }
  };
  const pending = devices.filter((d) => d.state === 'pending').length;
  return (
    <section className="card" aria-label="设备管理">
      <h2>设备管理（{devices.length} 台{pending ? `，待批准 ${pending} 台` : ''}）</h2>
      <table className="plain">
        <thead><tr><th>设备</th><th>使用人</th><th>状态</th><th>登记时间</th><th>最近同步</th><th>时钟</th><th></th></tr></thead>
        <tbody>{rows.map((d) => (
          <tr key={d.id} className={d.state === 'revoked' ? 'muted' : undefined}>
            <td>{d.name}<br /><small className="muted">{d.id}</small></td>
            <td>{d.userDisplay}（{roleName(d.role)}{d.towns.length ? `，${d.towns.join('、')}` : ''}）</td>
            <td>{d.state === 'pending' ? <span className="tag warn">{STATES[d.state]}</span> : STATES[d.state]}{d.id === self && '（本机）'}</td>
            <td>{when(d.createdAt)}</td>
            <td>{d.lastSeenAt ? when(d.lastSeenAt) : '未同步'}</td>
            <td>{d.clockAhead ? <span className="tag warn" title="该电脑的时间设得太靠后，请校准">超前 {d.clockAhead} 条</span> : '正常'}</td>
            <td className="buttons">
              {d.state === 'pending' && <button type="button" className="primary" aria-label={`批准 ${d.userDisplay} ${d.name}`} onClick={() => void set(d, 'approved')}>批准</button>}
              {d.state !== 'revoked' && d.id !== self && <button type="button" aria-label={`注销 ${d.userDisplay} ${d.name}`} onClick={() => void set(d, 'revoked')}>注销</button>}
            </td>
          </tr>
        ))}</tbody>
      </table>
    </section>
  );
}
