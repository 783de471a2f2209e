import type { ReactNode } from 'react';

/** One labelled form row with its inline error (red) or warning (amber) under it. */
export function Field(p: { label: string; required?: boolean; error?: string; warning?: string; hint?: string; wide?: boolean; children: ReactNode }) {
  return (
    <label className={`field${p.error ? ' has-error' : ''}${p.wide ? ' wide' : ''}`}>
      <span className="field-label">{p.label}{p.required && <span className="req">*</span>}</span>
      {p.children}
      {p.error ? <span className="field-error" role="alert">{p.error}</span>
        : p.warning ? <span className="field-warning">{p.warning}</span>
        : p.hint ? <span className="field-hint">{p.hint}</span> : null}
    </label>
  );
}

/** A select over fixed options; '' means none. */
export function Choice(p: { value: string | null; options: readonly string[]; onChange: (v: string | null) => void; allowEmpty?: string; name?: string }) {
  return (
    <select name={p.name} value={p.value ?? ''} onChange={(e) => p.onChange(e.target.value === '' ? null : e.target.value)}>
      {p.allowEmpty !== undefined && <option value="">{p.allowEmpty}</option>}
      {p.options.map((o) => <option key={o} value={o}>{o}</option>)}
    </select>
  );
}

/** A read-only row of a detail page. */
export function Detail(p: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`detail${p.wide ? ' wide' : ''}`}>
      <dt>{p.label}</dt>
      <dd>{p.children === null || p.children === undefined || p.children === '' ? '—' : p.children}</dd>
    </div>
  );
}

/** A card of read-only rows on a detail page: its title, then the rows. */
export function DetailsCard(p: { title: string; children: ReactNode }) {
  return <section className="card"><h2>{p.title}</h2><dl className="details">{p.children}</dl></section>;
}

/** Brings the first field with an error into view once the page has re-rendered. */
export function scrollToFirstError(): void {
  requestAnimationFrame(() => (document.querySelector('.has-error') ?? document.querySelector('.banner.error'))?.scrollIntoView({ block: 'center' }));
}

/** A button aligned with the fields of its row (not inside a <label>, which would rename it). */
export function FieldAction(p: { children: ReactNode }) {
  return <div className="field"><span className="field-label">{'\u00a0'}</span>{p.children}</div>;
}

/** A labelled group of controls (checkboxes): a fieldset, since a <label> may hold only one control. */
export function FieldGroup(p: { label: string; required?: boolean; error?: string; hint?: string; wide?: boolean; children: ReactNode }) {
  return (
    <fieldset className={`field${p.error ? ' has-error' : ''}${p.wide ? ' wide' : ''}`}>
      <legend className="field-label">{p.label}{p.required && <span className="req">*</span>}</legend>
      <div className="checks">{p.children}</div>
      {p.error ? <span className="field-error" role="alert">{p.error}</span> : p.hint ? <span className="field-hint">{p.hint}</span> : null}
    </fieldset>
  );
}
