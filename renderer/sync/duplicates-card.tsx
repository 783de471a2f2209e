import type { DuplicateOut } from '../../shared/api/sync';
import { call } from '../api';

const LINKS: Record<string, (id: string) => string> = {
  outfall: (id) => `#/outfalls/${encodeURIComponent(id)}`,
  complaint: (id) => `#/complaints/${encodeURIComponent(id)}`,
  checklist_template: () => '#/settings',
};

/**
 * Codes meant to be unique that two records hold: each was registered on a laptop before the other's
 * arrived. Sync keeps both (so every laptop holds the same); a person checks and keeps one. A
 * complaint's number is only a number: the later ones can take the next free one here.
 */
export function DuplicatesCard({ duplicates, onDone, onError }: { duplicates: DuplicateOut[]; onDone: (text: string) => void; onError: (m: string) => void }) {
  if (duplicates.length === 0) return null;
  const renumber = async (id: string) => {
    try {
      const c = await call('complaints.renumber', { id });
      onDone(`已改为信访编号 ${c.complaint.number}；同步后各台电脑一致`);
    } catch (e) { onError((e as Error).message); }
  };
  return (
    <section className="card" aria-label="编码重复">
      <h2>编码重复（{duplicates.length}）</h2>
      <p className="muted">以下记录在不同电脑上离线登记时使用了同一编码，同步后都已保留。请核实后保留正确的一条，删除或改正其余（改动同步后各台电脑一致）。</p>
      <ul>
        {duplicates.map((d) => (
          <li key={`${d.entity}/${d.key}`}>
            <span className="tag">{d.entityName}</span>{d.keyLabel}“{d.key}”：
            {d.records.map((r, i) => (
              <span key={r.id}>{i > 0 && '、'}<a href={LINKS[d.entity]?.(r.id) ?? '#/sync'}>{r.name}</a>
                {d.entity === 'complaint' && i > 0 && <button type="button" className="link" onClick={() => void renumber(r.id)}>重新编号</button>}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
