import type { Database } from 'better-sqlite3';
import { labelOf } from '../../../shared/api/labels';
import { DomainError } from '../../../shared/api/result';
import { parseHlc } from '../../../shared/sync/hlc';
import { recordNameOf } from '../../../shared/sync/entity-names';
import { conflictedFields } from '../../../shared/sync/merge';
import { ENTITY_TABLES } from '../../store/entities';
import { loadHeads } from '../../store/field-heads';
import { getPerson } from '../../store/people';
import type { Store } from '../../store/store';
import { conflictedRecords } from '../../store/sync-conflicts';

export type ConflictValue = { hlc: string; at: string; author: string; authorName: string; value: unknown; winning: boolean };
export type Conflict = { entity: string; entityId: string; recordName: string; field: string; fieldLabel: string; values: ConflictValue[] };

/**
 * Every field two people changed concurrently, with each value side by side (the winning one —
 * newest HLC — first). The same on every replica: it comes from the changes, not their arrival.
 */
export function listConflicts(db: Database): Conflict[] {
  const rows = conflictedRecords(db);
  const out: Conflict[] = [];
  const names = new Map<string, string | undefined>();
  const personName = (id: string) => {
    if (!names.has(id)) names.set(id, getPerson(db, id)?.name);
    return names.get(id);
  };
  for (const r of rows) {
    const heads = loadHeads(db, r.entity, r.entity_id);
    // The record's name as it stands (its heads' winning values), once per record.
    const recordName = recordNameOf((f) => heads[f]?.[0]?.v) || r.entity_id;
    for (const field of conflictedFields(heads)) {
      out.push({
        entity: r.entity, entityId: r.entity_id, recordName, field, fieldLabel: field === 'deletedAt' ? '删除 / 保留' : labelOf(field, r.entity),
        values: heads[field].map((h, i) => ({
          hlc: h.h, at: new Date(parseHlc(h.h).ms).toISOString(), author: h.a, authorName: personName(h.a) ?? (h.a === 'system' ? '系统' : h.a),
          value: h.v ?? null, winning: i === 0,
        })),
      });
    }
  }
  return out;
}

/**
 * Resolves one conflict by writing the chosen value as a new change whose base names every value
 * shown — so it syncs, and every replica that receives it sees the conflict end.
 */
export function resolveConflict(store: Store, entity: string, entityId: string, field: string, hlc: string, author: string): void {
  const spec = ENTITY_TABLES.get(entity);
  if (!spec) throw new DomainError('not_found', `未知的记录类型“${entity}”`);
  const heads = loadHeads(store.db, entity, entityId)[field];
  if (!heads || heads.length < 2) throw new DomainError('conflict', '该冲突已由他人处理（或已同步来处理结果）');
  const chosen = heads.find((h) => h.h === hlc);
  if (!chosen) throw new DomainError('invalid', '所选的值不在冲突之中');
  store.write(spec, entityId, { [field]: chosen.v ?? null }, author, { force: [field] });
}
