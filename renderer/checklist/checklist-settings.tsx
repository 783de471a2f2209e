import { useEffect, useState } from 'react';
import type { TemplateSummary } from '../../shared/api/checklists';
import type { TemplateDefinition } from '../../shared/checklist/template';
import { TemplateEditor } from './template-editor';
import { TYPE_LABELS } from './item-editor';
import { TARGET_KIND_LABELS } from '../../shared/inspection/notice';
import { DEADLINE_BAND_LABELS } from '../../shared/checklist/deadline-band';
import { ApiFailure, call } from '../api';

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url; a.download = name; a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One template version, read-only: sections, items, types, rules and what a failure proposes. */
function TemplateView({ def }: { def: TemplateDefinition }) {
  return (
    <div className="template-view">
      <p className="muted">{def.description}</p>
      {def.sections.map((s) => (
        <div key={s.id}>
          <h3>{s.title}</h3>
          <table className="plain">
            <tbody>
              {s.items.map((i) => (
                <tr key={i.id}>
                  <td><code>{i.id}</code></td><td>{i.label}{i.required && <span className="req">*</span>}</td><td>{TYPE_LABELS[i.type]}</td>
                  <td>{i.visibleWhen ? `当 ${i.visibleWhen.map((c) => `${c.item}${c.equals !== undefined ? `=${String(c.equals)}` : c.in ? `∈${c.in.join('/')}` : ''}`).join(' 且 ')} 时显示` : ''}</td>
                  <td>{i.finding ? `不符合 → ${i.finding.description}（${DEADLINE_BAND_LABELS[i.finding.deadlineBand]}）` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}

/** 设置 → 检查表: versions in use, view, new version from one, retire, import and export as JSON. */
export function ChecklistSettings() {
  const [list, setList] = useState<TemplateSummary[]>([]);
  const [open, setOpen] = useState<{ id: string; def: TemplateDefinition } | null>(null);
  const [editing, setEditing] = useState<{ fromId: string; def: TemplateDefinition } | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const reload = async () => setList(await call('checklists.list', { includeRetired: true }));
  useEffect(() => { void reload(); }, []);
  const view = async (id: string) => { const t = await call('checklists.get', { id }); setOpen(open?.id === id ? null : { id, def: t.definition as TemplateDefinition }); };
  const exportJson = async (t: TemplateSummary) => { const v = await call('checklists.get', { id: t.id }); download(`${t.code}-v${t.version}.json`, JSON.stringify(v.definition, null, 2)); };
  const startEdit = async (t: TemplateSummary) => { const v = await call('checklists.get', { id: t.id }); setEditing({ fromId: t.id, def: v.definition as TemplateDefinition }); setOpen(null); setMessage(null); };
  const report = (r: { template: TemplateSummary; warnings: { message: string }[] }, verb: string) =>
    setMessage({ kind: 'ok', text: `${verb}“${r.template.name}”第 ${r.template.version} 版${r.warnings.length ? `（${r.warnings.map((w) => w.message).join('；')}）` : ''}` });
  const saveEdit = async (json: string) => {
    if (!editing) return;
    try { report(await call('checklists.newVersion', { fromId: editing.fromId, json }), '已保存为'); setEditing(null); await reload(); } catch (e) { setMessage({ kind: 'error', text: e instanceof ApiFailure ? e.message : (e as Error).message }); }
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try { report(await call('checklists.import', { json: await file.text() }), '已导入'); await reload(); } catch (e) { setMessage({ kind: 'error', text: `“${file.name}”${e instanceof ApiFailure ? e.message : (e as Error).message}` }); }
  };
  const retire = async (t: TemplateSummary) => { await call('checklists.retire', { id: t.id, retired: !t.retired }); await reload(); };
  return (
    <section className="card" aria-label="检查表">
      <div className="card-head">
        <h2>检查表模板</h2>
        <label className="button-like">导入 JSON<input type="file" accept="application/json,.json" aria-label="导入检查表" hidden onChange={(e) => { void importFile(e.target.files?.[0]); e.target.value = ''; }} /></label>
      </div>
      <p className="muted">已使用过的版本永不改动：修改会保存为新版本；停用的版本不再用于新的检查。</p>
      {message && <p className={`banner ${message.kind === 'error' ? 'error' : 'ok'}`} role={message.kind === 'error' ? 'alert' : 'status'} style={{ whiteSpace: 'pre-line' }}>{message.text}</p>}
      <table className="plain">
        <thead><tr><th>名称</th><th>代码</th><th>版本</th><th>适用对象</th><th>题数</th><th>已用</th><th>状态</th><th /></tr></thead>
        <tbody>
          {list.map((t) => (
            <tr key={t.id} className={t.retired ? 'muted' : ''}>
              <td><button className="link" onClick={() => void view(t.id)}>{t.name}</button></td><td><code>{t.code}</code></td><td>第 {t.version} 版{t.builtin ? '（内置）' : ''}</td>
              <td>{t.targetKinds.map((k) => TARGET_KIND_LABELS[k]).join('、')}</td><td>{t.itemCount}</td><td>{t.usedCount}</td><td>{t.retired ? '已停用' : '使用中'}</td>
              <td className="actions">
                <button className="link" onClick={() => void startEdit(t)}>新建版本</button>
                <button className="link" onClick={() => void exportJson(t)}>导出</button>
                <button className="link" onClick={() => void retire(t)}>{t.retired ? '恢复' : '停用'}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && <TemplateView def={open.def} />}
      {editing && (
        <TemplateEditor key={editing.fromId} base={editing.def} baseName={`${list.find((t) => t.id === editing.fromId)?.name ?? ''} 第 ${list.find((t) => t.id === editing.fromId)?.version ?? ''} 版`}
          onSave={saveEdit} onCancel={() => setEditing(null)} />
      )}
    </section>
  );
}
