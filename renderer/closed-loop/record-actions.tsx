import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ActionForm, type ActionSpec, type ActionSubmit } from './action-form';

/** Loads a record's page data; `set` takes the page an action answered with. */
export function useRecordPage<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => load().then(setData, (e: Error) => setError(e.message)), [load]);
  useEffect(() => { void reload(); }, [reload]);
  return { data, set: setData, error };
}

/**
 * The 办理 card of a finding, complaint or case: a button for each action its state allows, and the
 * chosen action's form, whose submission the page sends to the core.
 */
export function RecordActions<K extends string>(p: {
  allowed: readonly K[]; labels: Record<K, string>; specs: Partial<Record<K, ActionSpec>>;
  onAct: (kind: K, a: Omit<ActionSubmit, 'kind'>) => Promise<void>; danger?: readonly K[]; children?: ReactNode;
}) {
  const [acting, setActing] = useState<K | null>(null);
  const spec = acting ? p.specs[acting] : undefined;
  return (
    <aside>
      <section className="card" aria-label="可办理的操作">
        <h2>办理</h2>
        <div className="action-buttons">
          {p.allowed.filter((k) => p.specs[k]).map((k) => (
            <button key={k} className={p.danger?.includes(k) ? 'danger' : k === 'comment' ? '' : 'primary'} onClick={() => setActing(k)}>{p.labels[k]}</button>
          ))}
        </div>
        {p.children}
      </section>
      {acting && spec && (
        <ActionForm key={acting} kind={acting} spec={spec} onCancel={() => setActing(null)} onSubmit={async ({ kind: _kind, ...a }) => { await p.onAct(acting, a); setActing(null); }} />
      )}
    </aside>
  );
}
