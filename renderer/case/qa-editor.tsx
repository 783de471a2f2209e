export type Qa = { q: string; a: string };

/** The questions and answers of a 调查询问笔录, one pair per row, added and removed in order. */
export function QaEditor({ value, onChange, error }: { value: Qa[]; onChange: (qa: Qa[]) => void; error?: string }) {
  const set = (i: number, part: keyof Qa, text: string) => onChange(value.map((x, j) => (j === i ? { ...x, [part]: text } : x)));
  return (
    <fieldset className="qa-editor">
      <legend>询问内容（问答）</legend>
      {value.map((x, i) => (
        <div key={i} className="qa-pair">
          <label>问：<textarea rows={2} aria-label={`问${i + 1}`} value={x.q} onChange={(e) => set(i, 'q', e.target.value)} /></label>
          <label>答：<textarea rows={3} aria-label={`答${i + 1}`} value={x.a} onChange={(e) => set(i, 'a', e.target.value)} /></label>
          {value.length > 1 && <button type="button" className="link" onClick={() => onChange(value.filter((_, j) => j !== i))}>删除此问答</button>}
        </div>
      ))}
      <button type="button" onClick={() => onChange([...value, { q: '', a: '' }])}>＋ 增加一问一答</button>
      {error && <span className="field-error" role="alert">{error}</span>}
    </fieldset>
  );
}
