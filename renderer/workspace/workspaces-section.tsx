import { shownTime } from '../../shared/domain/local-time';
import { useEffect, useState, type FormEvent } from 'react';
import type { WorkspaceEntry } from '../../shared/api/workspaces';
import { ApiFailure, call } from '../api';
import { Detail, Field } from '../components/field';
import { useDirectories } from '../directories';
import { t } from '../i18n/zh-CN';

/** 工作区: facts about this one, the ones put aside, switching, and starting an empty one. */
export function WorkspacesSection() {
  const d = useDirectories();
  const [list, setList] = useState<WorkspaceEntry[]>([]);
  const [draft, setDraft] = useState({ bureauName: '', countyCode: '', countyName: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [creating, setCreating] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  useEffect(() => { void call('workspaces.list', {}).then(setList); }, []);
  const create = async (ev: FormEvent) => {
    ev.preventDefault();
    try { await call('workspaces.createEmpty', draft); } // the host answers with a `workspace` event and the app reloads
    catch (e) { if (e instanceof ApiFailure) setErrors(e.fields); setBanner((e as Error).message); }
  };
  const open = async (file: string) => {
    if (!window.confirm('切换到该工作区？当前工作区会保存在 workspaces 文件夹中，可随时切换回来。')) return;
    try { await call('workspaces.open', { file }); } catch (e) { setBanner((e as Error).message); }
  };
  return (
    <section className="card">
      <h2>{t.settings.workspace}<button className="link right" onClick={() => setCreating(!creating)}>{creating ? t.common.cancel : '新建空白工作区'}</button></h2>
      {banner && <p className="banner error">{banner}</p>}
      {creating && (
        <form className="inline-form" noValidate onSubmit={(e) => void create(e)}>
          <p className="muted">新建一个只含本县名称的空白工作区（用于本单位真实数据）。当前工作区不会删除，保存在 workspaces 文件夹中，可随时切换回来。</p>
          <div className="form-grid">
            <Field label="填报单位" required error={errors.bureauName}><input name="newBureauName" value={draft.bureauName} onChange={(e) => setDraft({ ...draft, bureauName: e.target.value })} /></Field>
            <Field label="县级区划代码（6位）" required error={errors.countyCode}><input name="newCountyCode" value={draft.countyCode} onChange={(e) => setDraft({ ...draft, countyCode: e.target.value.trim() })} /></Field>
            <Field label="县（市、区）名称" required error={errors.countyName}><input name="newCountyName" value={draft.countyName} onChange={(e) => setDraft({ ...draft, countyName: e.target.value })} /></Field>
          </div>
          <div className="form-actions"><button className="primary" type="submit">新建并切换</button></div>
        </form>
      )}
      <dl className="details">
        <Detail label="数据文件" wide><code>{d.info.file}</code></Detail>
        <Detail label="本机节点号"><code>{d.info.nodeId}</code></Detail>
        <Detail label="数据结构版本">{d.info.schemaVersion}</Detail>
      </dl>
      {list.length > 1 && (
        <table className="grid">
          <thead><tr><th>工作区</th><th>县</th><th>排污单位</th><th>最后修改</th><th /></tr></thead>
          <tbody>
            {list.map((w) => (
              <tr key={w.file}>
                <td>{w.bureauName || w.file}{w.active && <span className="tag">当前</span>}</td><td>{w.countyName}</td><td>{w.enterprises}</td>
                <td>{shownTime(w.modifiedAt)}</td>
                <td>{!w.active && <button className="link" onClick={() => void open(w.file)}>切换到此工作区</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">备份：<code>qingshui backup --data 数据文件夹 --out 备份文件</code></p>
    </section>
  );
}
