import type { DuplicateOut } from '../../shared/api/sync';

const LINKS: Record<string, (id: string) => string> = { outfall: (id) => `#/outfalls/${encodeURIComponent(id)}`, checklist_template: () => '#/settings' };

/**
 * Codes meant to be unique that two records hold: each was registered on a laptop before the other's
 * arrived. Sync keeps both (so every laptop holds the same); a person checks and keeps one.
 */
export function DuplicatesCard({ duplicates }: { duplicates: DuplicateOut[] }) {
  if (duplicates.length === 0) return null;
  return (
    <section className="card" aria-label="编码重复">
      <h2>编码重复（{duplicates.length}）</h2>
      <p className="muted">以下记录在不同电脑上离线登记时使用了同一编码，同步后都已保留。请核实后保留正确的一条，删除或改正其余（改动同步后各台电脑一致）。</p>
      <ul>
        {duplicates.map((d) => (
          <li key={`${d.entity}/${d.key}`}>
            <span className="tag">{d.entityName}</span>{d.keyLabel}“{d.key}”：
            {d.records.map((r, i) => <span key={r.id}>{i > 0 && '、'}<a href={LINKS[d.entity]?.(r.id) ?? '#/sync'}>{r.name}</a></span>)}
          </li>
        ))}
      </ul>
    </section>
  );
}
