import { useState } from 'react';
import { answerProblem, isFailing } from '../../shared/checklist/answers';
import { useDraftText } from './draft-text';
import type { Item } from '../../shared/checklist/template';

type Props = { item: Item; value: unknown; disabled?: boolean; onSave: (value: unknown) => void };

const YESNO: [string, string][] = [['yes', '是'], ['no', '否'], ['na', '不适用']];


function NumberInput({ item, value, disabled, onSave }: Props & { item: Extract<Item, { type: 'number' | 'reading' }> }) {
  const [error, setError] = useState<string | null>(null);
  const send = (raw: string) => {
    const trimmed = raw.trim();
    if (trimmed === '') { setError(null); onSave(null); return; }
    const n = Number(trimmed);
    if (!Number.isFinite(n)) { setError(`${item.type === 'reading' ? '读数' : '数值'}应为数字，收到“${trimmed}”`); return; }
    setError(answerProblem(item, n));
    onSave(n);
  };
  const { text, setText, flush } = useDraftText(value, send);
  const limits = [item.min !== undefined && `≥ ${item.min}`, item.max !== undefined && `≤ ${item.max}`].filter(Boolean).join('，');
  return (
    <span className="number-input">
      <input inputMode="decimal" aria-label={item.label} value={text} disabled={disabled} onChange={(e) => setText(e.target.value)} onBlur={flush} />
      <span className="unit">{item.unit}</span>
      {limits && <small className="muted">{item.type === 'reading' ? '限值' : '范围'} {limits}{item.type === 'reading' && item.standard ? `（${item.standard}）` : ''}</small>}
      {!limits && item.type === 'reading' && item.standard && <small className="muted">{item.standard}</small>}
      {error && <span className="field-error" role="alert">{error}</span>}
    </span>
  );
}

function TextInput({ item, value, disabled, onSave }: Props & { item: Extract<Item, { type: 'text' }> }) {
  const { text, setText, flush } = useDraftText(value, (v) => onSave(v === '' ? null : v));
  return item.multiline
    ? <textarea aria-label={item.label} value={text} disabled={disabled} onChange={(e) => setText(e.target.value)} onBlur={flush} />
    : <input aria-label={item.label} value={text} disabled={disabled} onChange={(e) => setText(e.target.value)} onBlur={flush} />;
}

/** The input of one checklist item, by its type (photo and signature items have their own widgets). */
export function ItemInput(p: Props) {
  const { item, value, disabled, onSave } = p;
  switch (item.type) {
    case 'yesno':
      return (
        <span className="segmented" role="radiogroup" aria-label={item.label}>
          {YESNO.filter(([v]) => item.allowNa || v !== 'na').map(([v, label]) => (
            <button key={v} type="button" role="radio" aria-checked={value === v} className={value === v ? `on ${v === 'na' ? 'na' : isFailing(item, v) ? 'bad' : 'good'}` : ''} disabled={disabled} onClick={() => onSave(value === v ? null : v)}>{label}</button>
          ))}
        </span>
      );
    case 'choice':
      return (
        <select aria-label={item.label} value={(value as string | null) ?? ''} disabled={disabled} onChange={(e) => onSave(e.target.value || null)}>
          <option value="">（请选择）</option>
          {item.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      );
    case 'multi': {
      const chosen = (value as string[] | null) ?? [];
      return (
        <span className="checks" role="group" aria-label={item.label}>
          {item.options.map((o) => (
            <label key={o} className="check"><input type="checkbox" checked={chosen.includes(o)} disabled={disabled}
              onChange={(e) => { const next = e.target.checked ? [...chosen, o] : chosen.filter((x) => x !== o); onSave(next.length ? item.options.filter((x) => next.includes(x)) : null); }} />{o}</label>
          ))}
        </span>
      );
    }
    case 'number': case 'reading': return <NumberInput {...p} item={item} />;
    case 'text': return <TextInput {...p} item={item} />;
    case 'date': return <input type="date" aria-label={item.label} value={(value as string | null) ?? ''} disabled={disabled} onChange={(e) => onSave(e.target.value || null)} />;
    case 'datetime': return <input type="datetime-local" aria-label={item.label} value={(value as string | null) ?? ''} disabled={disabled} onChange={(e) => onSave(e.target.value || null)} />;
    default: return null;
  }
}
