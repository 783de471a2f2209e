import { useEffect, useState, type FormEvent } from 'react';
import type { ConflictOut, DuplicateOut, HubDevice, HubUser, QuarantineItem, Rejected, SyncStatus } from '../../shared/api/sync';
import { roleName } from '../../shared/sync/roles';
import { call } from '../api';
import { Field } from '../components/field';
import { JobProgress, useJob } from '../components/job-progress';
import { useOptionalDirectories } from '../directories';
import { useMay } from '../auth/auth-context';
import { BundleCard } from './bundle-card';
import { ConflictsCard } from './conflicts-card';
import { DevicesCard } from './devices-card';
import { DuplicatesCard } from './duplicates-card';
import { UsersCard } from './users-card';
import { isPlainRemote } from '../../shared/sync/loopback';

const STATES: Record<string, string> = { pending: '待管理员批准', approved: '已批准', revoked: '已注销' };

/** 同步: the hub and this laptop's enrolment, one-click sync with its phases, conflicts, refused changes, USB bundles. */
export function SyncPage({ onSynced }: { onSynced?: () => void } = {}) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [conflicts, setConflicts] = useState<ConflictOut[]>([]);
  const [rejected, setRejected] = useState<Rejected[]>([]);
  const [duplicates, setDuplicates] = useState<DuplicateOut[]>([]);
  const [quarantine, setQuarantine] = useState<QuarantineItem[] | null>(null);
  const [devices, setDevices] = useState<HubDevice[] | null>(null);
  const [users, setUsers] = useState<HubUser[] | null>(null);
  const [banner, setBanner] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [form, setForm] = useState({ hubUrl: '', user: '', password: '', fingerprint: '', insecure: false });
  const plainRemote = isPlainRemote(form.hubUrl);
  const job = useJob();
  const directories = useOptionalDirectories();
  const may = useMay();
  const reload = async () => {
    const s = await call('sync.status', {});
    setStatus(s);
    // Before anyone has signed in (a laptop joining its hub from the sign-in page) records are not shown.
    if (!directories) return;
    setConflicts(await call('sync.conflicts', {}));
    setRejected(await call('sync.rejected', {}));
    // The status already counted them: list them only when there are some.
    setDuplicates(s.duplicates ? await call('sync.duplicates', {}) : []);
  };
  useEffect(() => { void reload(); }, []);
  const fail = (text: string) => setBanner({ kind: 'error', text });
  const enroll = async (ev: FormEvent) => {
    ev.preventDefault();
    try {
      const s = await call('sync.enroll', form);
      const pinned = s.hubFingerprint ? `；同步中心证书指纹 ${s.hubFingerprint} 已记下（请与管理员核对），今后只认此证书` : '';
      setBanner({ kind: 'ok', text: (s.enrollState === 'approved' ? '本机已登记，可以同步' : '已提交登记，待同步中心管理员批准后即可同步') + pinned });
      setForm({ ...form, password: '' });
      await reload();
      onSynced?.();
    } catch (e) { fail((e as Error).message); }
  };
  const sync = async () => {
    setBanner(null);
    try {
      const r = await job.run((jobId) => call('sync.run', { jobId }));
      const parts = [`上传变更 ${r.pushed} 条`, `接收变更 ${r.applied} 条`, `上传文件 ${r.blobsUp} 个`, `接收文件 ${r.blobsDown} 个`];
      if (r.quarantined) parts.push(`被同步中心隔离 ${r.quarantined} 条`);
      if (r.conflictsNoticed) parts.push(`新冲突 ${r.conflictsNoticed} 处（见下方）`);
      if (r.mediaPending) parts.push(`照片 ${r.mediaPending} 个尚未到达同步中心（待下次同步）`);
      if (r.drifted) parts.push(`${r.drifted} 条变更来自时钟超前的设备，已标记`);
      if (r.restart) parts.unshift(`同步中心已从备份恢复（第 ${r.restart.epoch} 纪元），本机从恢复点重新上传了 ${r.restart.resent} 条变更`);
      setBanner({ kind: 'ok', text: `同步完成：${parts.join('，')}` });
    } catch (e) { fail((e as Error).message); }
    await reload();
    await directories?.reload(); // people, places and settings may have arrived
    onSynced?.();
  };
  const loadQuarantine = async () => { try { setQuarantine(await call('sync.quarantine', {})); } catch (e) { fail((e as Error).message); } };
  const loadUsers = async () => { try { setUsers(await call('sync.users', {})); } catch (e) { fail((e as Error).message); } };
  const loadDevices = async () => { try { setDevices(await call('sync.devices', {})); } catch (e) { fail((e as Error).message); } };
  const release = async (cid: string) => {
    if (!window.confirm('放行后，这条变更将在同步中心生效，各台电脑下次同步时收到。确定放行？')) return;
    try {
      const r = await call('sync.releaseQuarantined', { cid });
      setBanner({ kind: 'ok', text: `已放行 ${r.released.length} 条变更（${r.released.join('、')}），各台电脑下次同步时收到` });
      await loadQuarantine();
    } catch (e) { fail((e as Error).message); }
  };
  if (!status) return <p>加载中…</p>;
  return (
    <div className="page">
      <header className="page-head"><h1>同步</h1></header>
      {banner && <p className={`banner ${banner.kind}`} role={banner.kind === 'error' ? 'alert' : 'status'}>{banner.text}</p>}
      {!status.enrolled || status.enrollState === 'revoked' ? (
        <form className="card" onSubmit={(e) => void enroll(e)} aria-label="登记到同步中心" noValidate>
          <h2>{status.enrollState === 'revoked' ? '本机已被注销或需要重新登记' : '登记到同步中心'}</h2>
          <p className="muted">由局里的管理员给出同步中心地址和账号；登记后本机获得节点编号和设备密钥，管理员批准后即可同步。</p>
          <div className="form-grid">
            <Field label="同步中心地址"><input value={form.hubUrl} placeholder="https://192.168.1.10:7300" onChange={(e) => setForm({ ...form, hubUrl: e.target.value })} /></Field>
            <Field label="账号"><input value={form.user} onChange={(e) => setForm({ ...form, user: e.target.value })} /></Field>
            <Field label="密码"><input type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} /></Field>
            <Field label="证书指纹（选填，管理员给出）"><input value={form.fingerprint} placeholder="SHA-256，如 AB:CD:…" onChange={(e) => setForm({ ...form, fingerprint: e.target.value })} /></Field>
          </div>
          {plainRemote && (
            <div className="insecure-warning" role="alert">
              <p><b>不加密的连接：</b>http:// 地址会让账号密码和执法记录以明文经过网络，任何能接触网络的人都可能看到或篡改。请向管理员要 https:// 地址。</p>
              <label><input type="checkbox" checked={form.insecure} onChange={(e) => setForm({ ...form, insecure: e.target.checked })} /> 我确认本机与同步中心在可信的局内网中，允许不加密连接</label>
            </div>
          )}
          <div className="actions"><button type="submit" className="primary">登记本机</button></div>
        </form>
      ) : (
        <section className="card" aria-label="同步状态">
          <h2>同步中心</h2>
          <dl className="facts">
            <dt>地址</dt><dd>{status.hubUrl}{status.hubUrl && isPlainRemote(status.hubUrl) && <span className="insecure-tag">不加密</span>}</dd>
            {status.hubFingerprint && <><dt>证书指纹</dt><dd className="mono">{status.hubFingerprint}</dd></>}
            <dt>本机</dt><dd>{status.deviceId}（节点 {status.node}）· {STATES[status.enrollState ?? ''] ?? '—'}</dd>
            <dt>账号</dt><dd>{status.user}（{roleName(status.role)}{status.towns.length ? `，镇街 ${status.towns.join('、')}` : ''}）</dd>
            <dt>上次同步</dt><dd>{status.lastSyncAt ? new Date(status.lastSyncAt).toLocaleString('zh-CN') : '从未同步'}</dd>
            <dt>待上传</dt><dd aria-label="待上传">变更 {status.pendingChanges} 条，照片等文件 {status.pendingBlobs} 个</dd>
            <dt>待接收照片</dt><dd>{status.mediaPending} 个{status.mediaPending > 0 && '（记录已到，照片待同步中心收齐）'}</dd>
          </dl>
          <div className="actions">
            <button type="button" className="primary" disabled={job.running} onClick={() => void sync()}>立即同步</button>
            {status.role === 'admin' && may('accounts') && <button type="button" onClick={() => void loadQuarantine()}>查看隔离区</button>}
            {status.role === 'admin' && may('accounts') && <button type="button" onClick={() => void loadDevices()}>设备管理</button>}
            {status.role === 'admin' && may('accounts') && <button type="button" onClick={() => void loadUsers()}>账号管理</button>}
          </div>
          <JobProgress job={job} label="同步" />
        </section>
      )}
      <ConflictsCard conflicts={conflicts} onResolved={() => { setBanner({ kind: 'ok', text: '已采用所选的值；下次同步后其他设备也会看到' }); void reload(); }} onError={fail} />
      <DuplicatesCard duplicates={duplicates} onDone={(text) => { setBanner({ kind: 'ok', text }); void reload(); }} onError={fail} />
      {rejected.length > 0 && (
        <section className="card" aria-label="未被接受的变更">
          <h2>未被接受的变更（{rejected.length}）</h2>
          <table className="plain"><thead><tr><th>时间</th><th>记录</th><th>原因</th></tr></thead>
            <tbody>{rejected.map((r) => <tr key={r.cid}><td>{r.at.slice(0, 16).replace('T', ' ')}</td><td>{r.entityName || r.entity} {r.entityId.slice(0, 8)}</td><td>{r.reason}</td></tr>)}</tbody></table>
        </section>
      )}
      {quarantine && (
        <section className="card" aria-label="同步中心隔离区">
          <h2>同步中心隔离区（{quarantine.length}）</h2>
          {quarantine.length === 0 && <p className="muted">隔离区为空。</p>}
          {quarantine.length > 0 && (
            <table className="plain"><thead><tr><th>时间</th><th>设备 / 账号</th><th>记录</th><th>原因</th><th></th></tr></thead>
              <tbody>{quarantine.map((r) => (
                <tr key={r.cid}><td>{r.at.slice(0, 16).replace('T', ' ')}</td><td>{r.deviceId} / {r.user}</td><td>{r.entityName} {r.recordName || r.entityId.slice(0, 12)}</td><td>{r.reason}</td>
                  <td><button type="button" aria-label={`放行 ${r.cid}`} onClick={() => void release(r.cid)}>放行</button></td></tr>
              ))}</tbody></table>
          )}
        </section>
      )}
      {devices && <DevicesCard devices={devices} self={status.deviceId} onChanged={(text) => { setBanner({ kind: 'ok', text }); void loadDevices(); }} onError={fail} />}
      {users && <UsersCard users={users} self={status.user} onChanged={(text) => { setBanner({ kind: 'ok', text }); void loadUsers(); }} onError={fail} />}
      {status.enrolled && <BundleCard onDone={(text) => { setBanner({ kind: 'ok', text }); void reload(); }} onError={fail} />}
    </div>
  );
}
