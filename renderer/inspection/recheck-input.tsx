import { useEffect, useState } from 'react';
import type { Inspection } from '../../shared/api/inspections';
import { FINDING_STATE_LABELS, type FindingState } from '../../shared/finding/states';
import { RECHECK_RESULTS, type RecheckRow } from '../../shared/checklist/recheck';

type Props = { label: string; value: unknown; open: Inspection['openProblems']; onSave: (rows: RecheckRow[]) => void };

/**
 * 复查 (issue 19): each open problem of the target, recorded as 已整改 / 部分整改 / 未整改 with what was
 * seen. Rows follow the target's open problems; a result saves at once, a note when the inspector pauses.
 */
export function RecheckInput({ label, value, open, onSave }: Props) {
  const saved = new Map((Array.isArray(value) ? (value as RecheckRow[]) : []).map((r) => [r.findingId, r]));
  const rows: RecheckRow[] = open.map((f) => saved.get(f.id) ?? { findingId: f.id, description: f.description, result: null, note: '' });
  const [notes, setNotes] = useState<Record<string, string>>(() => Object.fromEntries(rows.map((r) => [r.findingId, r.note])));
  const save = (id: string, patch: Partial<RecheckRow>) => onSave(rows.map((r) => (r.findingId === id ? { ...r, note: notes[id] ?? r.note, ...patch } : { ...r, note: notes[r.findingId] ?? r.note })));
  useEffect(() => {
    const changed = rows.find((r) => (notes[r.findingId] ?? '') !== r.note);
    if (!changed) return;
    const timer = setTimeout(() => save(changed.findingId, {}), 600);
    return () => clearTimeout(timer);
  }, [notes]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!open.length) return <p className="muted">本检查对象没有未销号的问题</p>;
  return (
    <table className="plain recheck-table" aria-label={label}>
      <thead><tr><th>#</th><th>问题（发现日期、状态、整改时限）</th><th>复查结论</th><th>现场情况</th></tr></thead>
      <tbody>
        {rows.map((r, i) => {
          const f = open.find((x) => x.id === r.findingId)!;
          return (
            <tr key={r.findingId} data-testid="recheck-row">
              <td>{i + 1}</td>
              <td>{r.description}<small className="sub"> {f.foundAt} · {FINDING_STATE_LABELS[f.state as FindingState] ?? f.state} · 时限 {f.deadline}</small></td>
              <td>
                <span className="segmented" role="radiogroup" aria-label={`复查结论${i + 1}`}>
                  {RECHECK_RESULTS.map((x) => <button key={x} type="button" role="radio" aria-checked={r.result === x} className={r.result === x ? `on ${x === '已整改' ? 'yes' : 'no'}` : ''} onClick={() => save(r.findingId, { result: x })}>{x}</button>)}
                </span>
              </td>
              <td><textarea rows={2} aria-label={`现场情况${i + 1}`} value={notes[r.findingId] ?? ''} onChange={(e) => setNotes({ ...notes, [r.findingId]: e.target.value })} onBlur={() => save(r.findingId, {})} /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
