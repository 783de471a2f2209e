import { useState, type ReactNode } from 'react';
import { ApiFailure } from '../api';
import { scrollToFirstError } from './field';

/**
 * The state of a create form whose checks live in the core: values, the core's field messages after
 * a failed save, and one banner. Nothing is written until the core accepts the whole record.
 */
export function useCoreForm<T extends Record<string, unknown>>(initial: T) {
  const [v, setV] = useState<T>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return {
    v, errors, banner, busy,
    set: (patch: Partial<T>) => setV((cur) => ({ ...cur, ...patch })),
    async save(run: (v: T) => Promise<void>) {
      setBusy(true); setErrors({}); setBanner(null);
      try { await run(v); } catch (e) {
        if (e instanceof ApiFailure) setErrors(e.fields);
        setBanner((e as Error).message);
        scrollToFirstError();
      } finally { setBusy(false); }
    },
  };
}

/** A create page's frame: title, back link, the banner and 保存. */
export function FormPage(p: { title: string; back: string; banner: string | null; busy: boolean; onSave: () => void; saveLabel?: string; children: ReactNode }) {
  return (
    <div className="page form-page">
      <header className="page-head"><a className="link" href={`#${p.back}`}>← 返回</a><h1>{p.title}</h1></header>
      {p.banner && <p className="banner error" role="alert">{p.banner}</p>}
      <form className="card" onSubmit={(e) => { e.preventDefault(); p.onSave(); }}>
        <div className="form-grid">{p.children}</div>
        <div className="actions"><button type="submit" className="primary" disabled={p.busy}>{p.busy ? '保存中…' : p.saveLabel ?? '保存'}</button></div>
      </form>
    </div>
  );
}
