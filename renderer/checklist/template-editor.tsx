import { useMemo, useState } from 'react';
import { parseTemplate } from '../../shared/checklist/parse';
import { TARGET_KINDS, type Item, type Section, type TemplateDefinition } from '../../shared/checklist/template';
import { TARGET_KIND_LABELS } from '../../shared/inspection/notice';
import { ItemEditor } from './item-editor';

function move<T>(xs: T[], i: number, d: -1 | 1): T[] {
  const j = i + d;
  if (j < 0 || j >= xs.length) return xs;
  const next = [...xs];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

/** An id not used yet in the template: `<section>.<n>`. */
function freshId(def: TemplateDefinition, section: Section): string {
  const used = new Set(def.sections.flatMap((s) => s.items.map((i) => i.id)));
  const stem = section.id.toLowerCase().replace(/[^a-z0-9_.-]/g, '') || 'item';
  let n = section.items.length + 1;
  while (used.has(`${stem}.${n}`)) n++;
  return `${stem}.${n}`;
}

/**
 * Edits a template as the next version: sections and items in order, each item's type, options,
 * limits, what makes it fail and the problem it proposes; the JSON view for what the form does not
 * cover (display conditions). Problems are checked with the same schema the core uses, as you type.
 */
export function TemplateEditor(p: { base: TemplateDefinition; baseName: string; onSave: (json: string) => Promise<void>; onCancel: () => void }) {
  const [def, setDef] = useState<TemplateDefinition>(p.base);
  const [json, setJson] = useState<string | null>(null);
  const text = json ?? JSON.stringify(def, null, 2);
  const check = useMemo(() => parseTemplate(text), [text]);
  const setSection = (si: number, s: Section) => setDef({ ...def, sections: def.sections.map((x, i) => (i === si ? s : x)) });
  const setItem = (si: number, ii: number, item: Item) => setSection(si, { ...def.sections[si], items: def.sections[si].items.map((x, i) => (i === ii ? item : x)) });
  const toJson = () => setJson(JSON.stringify(def, null, 2));
  const toForm = () => { if (check.ok) { setDef(check.definition); setJson(null); } };
  return (
    <div className="template-editor" aria-label="编辑检查表">
      <div className="card-head">
        <h3>新建版本（基于 {p.baseName}）</h3>
        {json === null ? <button type="button" className="link" onClick={toJson}>以 JSON 编辑</button>
          : <button type="button" className="link" disabled={!check.ok} onClick={toForm}>回到表单</button>}
      </div>
      {json !== null ? <textarea className="json" aria-label="模板 JSON" spellCheck={false} value={json} onChange={(e) => setJson(e.target.value)} /> : (
        <>
          <div className="item-editor-row">
            <input aria-label="检查表名称" className="grow" value={def.name} onChange={(e) => setDef({ ...def, name: e.target.value })} />
            {TARGET_KINDS.map((k) => (
              <label key={k} className="check"><input type="checkbox" checked={def.targetKinds.includes(k)}
                onChange={(e) => setDef({ ...def, targetKinds: e.target.checked ? [...def.targetKinds, k] : def.targetKinds.filter((x) => x !== k) })} />{TARGET_KIND_LABELS[k]}</label>
            ))}
          </div>
          <textarea className="desc" aria-label="说明" rows={2} value={def.description} onChange={(e) => setDef({ ...def, description: e.target.value })} />
          {def.sections.map((s, si) => (
            <fieldset key={si} className="section-editor">
              <div className="item-editor-row">
                <input aria-label="节标题" className="grow strong" value={s.title} onChange={(e) => setSection(si, { ...s, title: e.target.value })} />
                <button type="button" className="link" aria-label="节上移" onClick={() => setDef({ ...def, sections: move(def.sections, si, -1) })}>↑</button>
                <button type="button" className="link" aria-label="节下移" onClick={() => setDef({ ...def, sections: move(def.sections, si, 1) })}>↓</button>
                <button type="button" className="link danger" onClick={() => setDef({ ...def, sections: def.sections.filter((_, i) => i !== si) })}>删除本节</button>
              </div>
              {s.items.map((item, ii) => (
                <ItemEditor key={item.id} item={item} onChange={(x) => setItem(si, ii, x)}
                  onMove={(d) => setSection(si, { ...s, items: move(s.items, ii, d) })}
                  onRemove={() => setSection(si, { ...s, items: s.items.filter((_, i) => i !== ii) })} />
              ))}
              <button type="button" onClick={() => setSection(si, { ...s, items: [...s.items, { id: freshId(def, s), type: 'yesno', label: '新检查项', required: false, allowNa: true }] })}>＋ 添加检查项</button>
            </fieldset>
          ))}
          <button type="button" onClick={() => setDef({ ...def, sections: [...def.sections, { id: `s${def.sections.length + 1}`, title: `${def.sections.length + 1}、新的一节`, items: [{ id: `s${def.sections.length + 1}.1`, type: 'yesno', label: '新检查项', required: false, allowNa: true }] }] })}>＋ 添加一节</button>
        </>
      )}
      {!check.ok && <ul className="banner error" role="alert">{check.problems.map((m, i) => <li key={i}>{m}</li>)}</ul>}
      <div className="actions">
        <button type="button" onClick={p.onCancel}>取消</button>
        <button type="button" className="primary" disabled={!check.ok} onClick={() => void p.onSave(text)}>保存为新版本</button>
      </div>
    </div>
  );
}
