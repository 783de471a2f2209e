import { useEffect, useRef, useState, type ReactElement } from 'react';

type Ask = { title: string; label: string; hint?: string; secret?: boolean; multiline?: boolean; confirm?: string; minLength?: number };

/**
 * The app's own question dialog (issue 20: `window.prompt` does not exist in Electron and looks foreign
 * in the browser): `ask(…)` resolves with the text typed, or null when cancelled.
 */
export function useAsk(): [ReactElement | null, (q: Ask) => Promise<string | null>] {
  const [q, setQ] = useState<(Ask & { done: (v: string | null) => void }) | null>(null);
  const ask = (next: Ask) => new Promise<string | null>((done) => setQ({ ...next, done }));
  const close = (v: string | null) => { q?.done(v); setQ(null); };
  return [q ? <AskDialog key={q.title} q={q} onClose={close} /> : null, ask];
}

function AskDialog({ q, onClose }: { q: Ask; onClose: (v: string | null) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { ref.current?.showModal(); }, []);
  const submit = () => {
    const v = q.secret ? text : text.trim();
    if (!v) { setError(`请填写${q.label}`); return; }
    if (q.minLength && v.length < q.minLength) { setError(`${q.label}至少 ${q.minLength} 个字符`); return; }
    onClose(v);
  };
  return (
    <dialog ref={ref} className="ask-dialog" aria-label={q.title} onCancel={(e) => { e.preventDefault(); onClose(null); }}>
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <h2>{q.title}</h2>
        <label>{q.label}
          {q.multiline
            ? <textarea aria-label={q.label} value={text} rows={4} autoFocus onChange={(e) => setText(e.target.value)} />
            : <input aria-label={q.label} type={q.secret ? 'password' : 'text'} value={text} autoFocus autoComplete={q.secret ? 'new-password' : 'off'} onChange={(e) => setText(e.target.value)} />}
        </label>
        {q.hint && <p className="muted">{q.hint}</p>}
        {error && <p className="field-error" role="alert">{error}</p>}
        <div className="actions">
          <button type="button" onClick={() => onClose(null)}>取消</button>
          <button type="submit" className="primary">{q.confirm ?? '确定'}</button>
        </div>
      </form>
    </dialog>
  );
}
