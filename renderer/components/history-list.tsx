import { shownTime } from '../../shared/domain/local-time';
import { useEffect, useState } from 'react';
import type { HistoryEntry } from '../../shared/api/workspace';
import { labelOf } from '../../shared/api/labels';
import { call } from '../api';
import { t } from '../i18n/zh-CN';

function formatValue(field: string, value: unknown, names: Record<string, string>): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (names[field]) return names[field];
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length ? value.join('、') : '（空）';
  if (field === 'deletedAt') return '已删除';
  return String(value);
}

/** The change records of one record: when, who, and which fields became what. */
export function HistoryList(p: { entity: 'enterprise' | 'outfall' | 'person' | 'settings'; id: string; refresh: unknown }) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  useEffect(() => { void call('workspace.history', { entity: p.entity, id: p.id }).then(setEntries); }, [p.entity, p.id, p.refresh]);
  if (!entries) return <p className="muted">{t.common.loading}</p>;
  if (!entries.length) return <p className="muted">{t.common.noHistory}</p>;
  return (
    <ol className="history" data-testid="history">
      {entries.map((e) => (
        <li key={e.hlc}>
          <div className="history-head"><time>{shownTime(e.at)}</time><span>{e.authorName}</span>{e.pushedBy && <span className="muted" title="同步中心按登录的设备记下的账号">经同步中心账号 {e.pushedBy} 的设备传来</span>}</div>
          <ul>
            {Object.entries(e.fields).map(([f, v]) => (
              <li key={f}><b>{labelOf(f, p.entity)}</b>：{formatValue(f, v, e.names)}</li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
