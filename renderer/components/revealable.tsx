import { useState } from 'react';
import { call } from '../api';

/** A masked value (138****5678) with 显示: the full value is fetched on request, and the reveal is logged (issue 18). */
export function Revealable(p: { masked: string; entity: 'person' | 'enterprise' | 'complaint' | 'inspection'; id: string; field: 'phone' | 'contactPhone' | 'complainant' | 'present' }) {
  const [full, setFull] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!p.masked.includes('*')) return <>{p.masked}</>;
  if (full !== null) return <>{full}</>;
  return (
    <>
      {p.masked} <button type="button" className="link" title="查看完整号码（将记入审计日志）" onClick={() => void call('audit.reveal', { entity: p.entity, id: p.id, field: p.field }).then((r) => setFull(r.value), (e: Error) => setError(e.message))}>显示</button>
      {error && <small className="field-error">{error}</small>}
    </>
  );
}
