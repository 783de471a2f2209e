import type { ConflictOut } from '../../shared/api/sync';
import { call } from '../api';

function shown(value: unknown, field: string): string {
  if (field === 'deletedAt') return value === null ? '保留该记录（有人在删除后仍作了修改）' : `删除（${String(value).slice(0, 16).replace('T', ' ')}）`;
  if (value === null || value === '') return '（空）';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Fields two people changed at the same time, each value side by side with who and when; choosing
 * one writes it as a new change that syncs, so the conflict ends everywhere.
 */
export function ConflictsCard({ conflicts, onResolved, onError }: { conflicts: ConflictOut[]; onResolved: () => void; onError: (m: string) => void }) {
  const choose = async (c: ConflictOut, hlc: string) => {
    try { await call('sync.resolve', { entity: c.entity, entityId: c.entityId, field: c.field, hlc }); onResolved(); } catch (e) { onError((e as Error).message); }
  };
  return (
    <section className="card" aria-label="同步冲突">
      <h2>冲突（{conflicts.length}）</h2>
      {conflicts.length === 0 && <p className="muted">没有待处理的冲突。两处同时修改同一字段时，各方的值都会保留在这里，直到有人选定。</p>}
      {conflicts.map((c) => (
        <div key={`${c.entity}/${c.entityId}/${c.field}`} className="conflict" role="group" aria-label={`${c.recordName} ${c.fieldLabel}`}>
          <p><span className="tag">{c.entityName}</span><strong>{c.recordName}</strong>　{c.fieldLabel}</p>
          <div className="conflict-values">
            {c.values.map((v) => (
              <div key={v.hlc} className={`conflict-value${v.winning ? ' winning' : ''}`}>
                <p className="value">{shown(v.value, c.field)}</p>
                <p className="muted">{v.authorName} · {v.at.slice(0, 16).replace('T', ' ')}{v.winning && <span className="tag">当前采用</span>}</p>
                <button type="button" onClick={() => void choose(c, v.hlc)}>采用此值</button>
              </div>
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}
