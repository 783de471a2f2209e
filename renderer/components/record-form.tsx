import { useState, type FormEvent, type ReactNode } from 'react';
import { t } from '../i18n/zh-CN';
import { navigate } from '../router';

/** The frame of a create/edit page: back link, title, error banner, the sections, save and cancel. Saving twice at once is impossible. */
export function RecordForm(p: { title: string; backTo: string; banner: string | null; onSubmit: () => Promise<void>; children: ReactNode }) {
  const [saving, setSaving] = useState(false);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (saving) return;
    setSaving(true);
    try { await p.onSubmit(); } finally { setSaving(false); }
  };
  return (
    <form className="page form-page" onSubmit={(e) => void submit(e)} noValidate>
      <header className="page-head">
        <button type="button" className="link" onClick={() => navigate(p.backTo)}>← {t.common.cancel}</button>
        <h1>{p.title}</h1>
      </header>
      {p.banner && <p className="banner error" role="alert">{p.banner}</p>}
      {p.children}
      <footer className="form-actions">
        <button type="submit" className="primary" disabled={saving}>{saving ? '保存中…' : t.common.save}</button>
        <button type="button" onClick={() => navigate(p.backTo)}>{t.common.cancel}</button>
      </footer>
    </form>
  );
}
