import type { Item } from '../../shared/checklist/template';
import { DEADLINE_BANDS, DEADLINE_BAND_LABELS } from '../../shared/checklist/deadline-band';

export const TYPE_LABELS: Record<Item['type'], string> = {
  yesno: '是/否', choice: '单选', multi: '多选', number: '数值', reading: '监测读数', text: '文字', date: '日期', datetime: '时间', photo: '照片', location: '位置', signature: '签名', problems: '问题复查',
};

/** A fresh item of a type, keeping what carries over (id, label, required, hint, visibility). */
export function retype(item: Item, type: Item['type']): Item {
  const base = { id: item.id, label: item.label, required: item.required, hint: item.hint, visibleWhen: item.visibleWhen };
  switch (type) {
    case 'yesno': return { ...base, type, allowNa: true };
    case 'choice': case 'multi': return { ...base, type, options: 'options' in item ? item.options : ['符合', '不符合'] };
    case 'number': return { ...base, type, unit: '' };
    case 'reading': return { ...base, type, unit: 'mg/L' };
    case 'text': return { ...base, type, multiline: false };
    case 'photo': return { ...base, type, minCount: 0, maxCount: 20 };
    default: return { ...base, type } as Item;
  }
}

const num = (v: string) => (v.trim() === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));

/** What fails an item, said as a choice the editor offers for its type. */
function FailRule({ item, set }: { item: Item; set: (patch: Partial<Item>) => void }) {
  const rule = item.failWhen;
  if (item.type === 'yesno') {
    const v = rule?.equals === 'no' ? 'no' : rule?.equals === 'yes' ? 'yes' : '';
    return (
      <select aria-label="不符合条件" value={v} onChange={(e) => set({ failWhen: e.target.value ? { equals: e.target.value } : undefined } as Partial<Item>)}>
        <option value="">不判定</option><option value="no">答“否”为不符合</option><option value="yes">答“是”为不符合</option>
      </select>
    );
  }
  if (item.type === 'choice' || item.type === 'multi') {
    const bad = item.type === 'choice' ? (rule?.in as string[] | undefined) ?? (rule?.equals !== undefined ? [String(rule.equals)] : []) : rule?.anyOf ?? [];
    const toggle = (o: string, on: boolean) => {
      const next = on ? [...bad, o] : bad.filter((x) => x !== o);
      set({ failWhen: next.length ? (item.type === 'choice' ? { in: next } : { anyOf: next }) : undefined } as Partial<Item>);
    };
    return <span className="checks">{item.options.map((o) => <label key={o} className="check"><input type="checkbox" checked={bad.includes(o)} onChange={(e) => toggle(o, e.target.checked)} />选“{o}”不符合</label>)}</span>;
  }
  if (item.type === 'number' || item.type === 'reading') {
    return <label className="check"><input type="checkbox" checked={!!rule?.outsideLimits} onChange={(e) => set({ failWhen: e.target.checked ? { outsideLimits: true } : undefined } as Partial<Item>)} />超出上下限为不符合</label>;
  }
  return null;
}

/** One item of a template being edited. */
export function ItemEditor({ item, onChange, onMove, onRemove }: { item: Item; onChange: (i: Item) => void; onMove: (d: -1 | 1) => void; onRemove: () => void }) {
  const set = (patch: Partial<Item>) => {
    const next = { ...item, ...patch } as Item;
    if (!next.failWhen) delete (next as { finding?: unknown }).finding;
    else if (!next.finding) (next as { finding?: unknown }).finding = { description: `${next.label}不符合要求`, legalBasis: '', deadlineBand: 'short', measures: '' };
    onChange(next);
  };
  const finding = item.finding;
  return (
    <div className="item-editor" data-edit-item={item.id}>
      <div className="item-editor-row">
        <code>{item.id}</code>
        <input aria-label="题目" className="grow" value={item.label} onChange={(e) => set({ label: e.target.value })} />
        <select aria-label="题型" value={item.type} onChange={(e) => onChange(retype(item, e.target.value as Item['type']))}>
          {Object.entries(TYPE_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
        <label className="check"><input type="checkbox" checked={item.required} onChange={(e) => set({ required: e.target.checked })} />必答</label>
        <button type="button" className="link" aria-label="上移" onClick={() => onMove(-1)}>↑</button>
        <button type="button" className="link" aria-label="下移" onClick={() => onMove(1)}>↓</button>
        <button type="button" className="link danger" onClick={onRemove}>删除</button>
      </div>
      <div className="item-editor-row">
        {(item.type === 'choice' || item.type === 'multi') && (
          <input aria-label="选项" className="grow" placeholder="选项，用顿号或逗号分隔" defaultValue={item.options.join('、')}
            onBlur={(e) => set({ options: e.target.value.split(/[、,，]/).map((s) => s.trim()).filter(Boolean) } as Partial<Item>)} />
        )}
        {(item.type === 'number' || item.type === 'reading') && (
          <>
            <input aria-label="单位" placeholder="单位" value={item.unit} onChange={(e) => set({ unit: e.target.value } as Partial<Item>)} />
            <input aria-label="下限" placeholder="下限" defaultValue={item.min ?? ''} onBlur={(e) => set({ min: num(e.target.value) } as Partial<Item>)} />
            <input aria-label="上限" placeholder="上限" defaultValue={item.max ?? ''} onBlur={(e) => set({ max: num(e.target.value) } as Partial<Item>)} />
          </>
        )}
        {item.type === 'photo' && (
          <>
            <label>至少 <input aria-label="最少张数" type="number" min={0} value={item.minCount} onChange={(e) => set({ minCount: Number(e.target.value) } as Partial<Item>)} /> 张</label>
            <label>至多 <input aria-label="最多张数" type="number" min={1} value={item.maxCount} onChange={(e) => set({ maxCount: Number(e.target.value) } as Partial<Item>)} /> 张</label>
          </>
        )}
        {item.type === 'yesno' && <label className="check"><input type="checkbox" checked={item.allowNa} onChange={(e) => set({ allowNa: e.target.checked } as Partial<Item>)} />可选“不适用”</label>}
        {item.type === 'text' && <label className="check"><input type="checkbox" checked={item.multiline} onChange={(e) => set({ multiline: e.target.checked } as Partial<Item>)} />多行</label>}
        <FailRule item={item} set={set} />
        {item.visibleWhen && <small className="muted">显示条件：{item.visibleWhen.map((c) => `${c.item}${c.equals !== undefined ? ` = ${String(c.equals)}` : c.in ? ` ∈ ${c.in.join('/')}` : c.answered ? ' 已作答' : ''}`).join(' 且 ')}</small>}
      </div>
      {finding && (
        <div className="item-editor-row finding-row">
          <span className="tag red">问题</span>
          <input aria-label="问题描述" className="grow" value={finding.description} onChange={(e) => set({ finding: { ...finding, description: e.target.value } })} />
          <input aria-label="法律依据" className="grow" placeholder="法律依据" value={finding.legalBasis} onChange={(e) => set({ finding: { ...finding, legalBasis: e.target.value } })} />
          <select aria-label="整改时限档" value={finding.deadlineBand} onChange={(e) => set({ finding: { ...finding, deadlineBand: e.target.value as typeof finding.deadlineBand } })}>
            {DEADLINE_BANDS.map((b) => <option key={b} value={b}>{DEADLINE_BAND_LABELS[b]}</option>)}
          </select>
        </div>
      )}
    </div>
  );
}
