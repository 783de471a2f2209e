import { useState } from 'react';
import { ApiFailure, stageFile } from '../api';
import { Field } from '../components/field';
import { useDirectories } from '../directories';
import { handedFile } from '../file-base64';

export type ActionField =
  | { name: string; label: string; type: 'text' | 'textarea' | 'date' | 'number' | 'time'; required?: boolean; initial?: string; hint?: string }
  | { name: string; label: string; type: 'select'; options: { value: string; label: string }[]; required?: boolean; initial?: string; hint?: string; fills?: (value: string) => Record<string, string> }
  | { name: string; label: string; type: 'check'; initial?: boolean }
  | { name: string; label: string; type: 'files' };

export type ActionSpec = {
  label: string;
  fields: ActionField[];
  /** Builds the call's data from the form values (text, at and files are taken apart). */
  toData?: (v: Record<string, string | boolean>) => Record<string, unknown>;
  danger?: boolean;
};

export type ActionSubmit = { kind: string; at: string; text: string; data: Record<string, unknown>; files: { name: string; base64?: string; upload?: string }[] };

/** One action's form: the date it happened, its text and fields, evidence files; the core's answer shown in place. */
export function ActionForm({ kind, spec, onSubmit, onCancel }: { kind: string; spec: ActionSpec; onSubmit: (a: ActionSubmit) => Promise<void>; onCancel: () => void }) {
  const today = useDirectories().info.today;
  const initial: Record<string, string | boolean> = { at: today, text: '' };
  for (const f of spec.fields) if ('initial' in f && f.initial !== undefined) initial[f.name] = f.initial;
  const [v, setV] = useState<Record<string, string | boolean>>(initial);
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (name: string, value: string | boolean) => setV({ ...v, [name]: value });
  const submit = async () => {
    setBusy(true); setError(null); setFieldErrors({});
    try {
      const { at, text, ...rest } = v;
      const data = spec.toData ? spec.toData(v) : Object.fromEntries(Object.entries(rest).filter(([, x]) => x !== ''));
      await onSubmit({ kind, at: String(at), text: String(text), data, files: await Promise.all(files.map((f) => handedFile(f, stageFile))) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      if (e instanceof ApiFailure) setFieldErrors(e.fields);
    } finally { setBusy(false); }
  };
  return (
    <form className="card action-form" aria-label={spec.label} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2>{spec.label}</h2>
      <div className="form-grid">
        <Field label="日期" required error={fieldErrors.at}><input type="date" value={String(v.at)} onChange={(e) => set('at', e.target.value)} /></Field>
        {spec.fields.map((f) => {
          if (f.type === 'check') return <label key={f.name} className="check"><input type="checkbox" checked={v[f.name] === true} onChange={(e) => set(f.name, e.target.checked)} /> {f.label}</label>;
          if (f.type === 'files') return <Field key={f.name} label={f.label} hint="照片（JPEG/PNG）、扫描件（PDF）或录音录像（MP4/MP3/M4A/WAV，单个不超过 50 MB）"><input type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf,video/mp4,audio/mpeg,audio/mp4,audio/x-m4a,audio/aac,audio/wav,audio/x-wav" onChange={(e) => setFiles([...(e.target.files ?? [])])} /></Field>;
          const value = String(v[f.name] ?? '');
          const input = f.type === 'select'
            ? <select value={value} onChange={(e) => setV({ ...v, [f.name]: e.target.value, ...f.fills?.(e.target.value) })}><option value="">请选择</option>{f.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</select>
            : f.type === 'textarea' ? <textarea rows={3} value={value} onChange={(e) => set(f.name, e.target.value)} />
            : <input type={f.type} value={value} onChange={(e) => set(f.name, e.target.value)} />;
          return <Field key={f.name} label={f.label} required={f.required} hint={f.hint} error={fieldErrors[f.name]} wide={f.type === 'textarea'}>{input}</Field>;
        })}
      </div>
      {error && <p className="banner error" role="alert">{error}</p>}
      <div className="actions">
        <button type="submit" className={spec.danger ? 'danger' : 'primary'} disabled={busy}>{busy ? '提交中…' : `确认${spec.label}`}</button>
        <button type="button" onClick={onCancel}>取消</button>
      </div>
    </form>
  );
}
