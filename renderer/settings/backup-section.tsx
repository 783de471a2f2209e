import { shownTime } from '../../shared/domain/local-time';
import { useEffect, useState } from 'react';
import type { BackupEntry } from '../../shared/api/workspaces';
import { ApiFailure, call, stageFile } from '../api';
import { Field } from '../components/field';
import { useDirectories } from '../directories';
import { fileSize } from '../inspection/recordings-card';


/**
 * 备份与恢复 (issue 20): back up now, one automatic backup a day kept N days, restore one of them or a
 * backup file (`qingshui backup` makes the same) — the current workspace is set aside, never deleted.
 */
export function BackupSection() {
  const d = useDirectories();
  const [backups, setBackups] = useState<BackupEntry[]>([]);
  const [keep, setKeep] = useState(String(d.info.settings.backupKeepDays));
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const load = () => void call('workspaces.backups', {}).then(setBackups);
  useEffect(load, []);
  const act = async (fn: () => Promise<string>) => {
    setBusy(true); setNote(null);
    try { setNote({ ok: true, text: await fn() }); load(); } catch (e) { setNote({ ok: false, text: e instanceof ApiFailure ? e.message : (e as Error).message }); } finally { setBusy(false); }
  };
  const backupNow = () => act(async () => { const b = await call('workspaces.backupNow', {}); return `已备份：${b.name}（${fileSize(b.size)}）`; });
  const saveKeep = () => act(async () => { await call('workspace.updateSettings', { backupKeepDays: Number(keep) }); await d.reload(); return Number(keep) ? `每天自动备份一次，保留 ${keep} 天` : '已关闭自动备份'; });
  const restore = (from: { name?: string; upload?: string }, label: string) => {
    if (!window.confirm(`用“${label}”恢复工作区？当前工作区将另存到“切换工作区”的列表中，不会删除。`)) return;
    void act(async () => { await call('workspaces.restore', from); return `已从“${label}”恢复；原工作区已另存，可在“切换工作区”中找回`; });
  };
  return (
    <section className="card" aria-label="备份与恢复">
      <h2>备份与恢复</h2>
      {note && <p className={`banner ${note.ok ? 'ok' : 'error'}`} role={note.ok ? 'status' : 'alert'}>{note.text}</p>}
      <div className="form-grid">
        <Field label="自动备份保留天数" hint="打开工作区期间每天自动备份一次；0 为不自动备份。手动备份不会自动删除。">
          <input type="number" min={0} max={365} value={keep} onChange={(e) => setKeep(e.target.value)} onBlur={() => { if (keep !== String(d.info.settings.backupKeepDays)) void saveKeep(); }} />
        </Field>
      </div>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void backupNow()}>立即备份</button>
        <label className="button-like">从备份文件恢复…
          <input type="file" accept=".qingshui" hidden aria-label="选择备份文件" onChange={(e) => {
            const f = e.target.files?.[0]; e.target.value = '';
            if (f) void (async () => { try { restore({ upload: await stageFile(f, 'qingshui') }, f.name); } catch (err) { setNote({ ok: false, text: (err as Error).message }); } })();
          }} />
        </label>
      </div>
      {backups.length === 0 ? <p className="muted">数据文件夹的 backups/ 中还没有备份。</p> : (
        <table className="grid">
          <thead><tr><th>备份</th><th>时间</th><th>大小</th><th>照片</th><th /></tr></thead>
          <tbody>{backups.map((b) => (
            <tr key={b.name}>
              <td>{b.name}{b.auto && <span className="tag">自动</span>}</td><td>{shownTime(b.at)}</td><td>{fileSize(b.size)}</td><td>{b.photos ? '含照片' : '仅数据'}</td>
              <td><button type="button" className="link" disabled={busy} onClick={() => restore({ name: b.name }, b.name)}>恢复</button></td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}
