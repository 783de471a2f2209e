import { normalHeader } from '../../../shared/ledger/import-headers';
import { lastFieldChange } from '../../store/history';
import { toColumn, type EntityTable } from '../../store/write-path';
import type { ExportInfo } from './export-info';

/*
 * A stale sheet never undoes newer work (issue 20). For a record the sheet was exported from, each
 * field is compared three ways — as exported, as in the sheet now, as the record is now:
 *   sheet = exported              → the record's current value is kept (the clerk did not touch it);
 *   sheet ≠ exported = current    → the sheet's value is applied;
 *   sheet ≠ exported ≠ current    → a conflict, decided by the person (nothing written until then).
 * A sheet that is not one of our exports (the clerk's own) names, per field, what it would overwrite
 * that changed since a date the person gives (default: the file's modified time).
 */

export type Decision = 'sheet' | 'current';

export type Conflict = {
  row: number; id: string; name: string; key: string; label: string; sheet: string; current: string;
  /** Who changed the record's value last, and when. */
  by: string; at: string;
  /** Why it is asked: changed in both since the export, or changed here since the given date. */
  reason: 'export' | 'since';
};

const text = (v: unknown) => (v === null || v === undefined || v === '' ? '（空）' : typeof v === 'string' ? v : JSON.stringify(v));

/** The exported row of a record, aligned to the sheet's columns by their header text (the clerk may have moved columns). */
export function baseCells(info: ExportInfo, id: string, headerRow: string[]): string[] | null {
  const base = info.base.get(id);
  if (!base) return null;
  const at = new Map(info.headers.map((h, i) => [normalHeader(h), i]));
  return headerRow.map((h) => { const i = at.get(normalHeader(h ?? '')); return i === undefined ? '' : base.cells[i] ?? ''; });
}

/**
 * Sorts an update's changed fields: those to write, those kept (unchanged in the sheet since the export:
 * newer work stays), and conflicts not decided by `decide` (left out of what is written).
 */
export function staleCheck(o: {
  entity: EntityTable; id: string; row: number; name: string; stored: Record<string, unknown>; changed: Record<string, unknown>;
  base: Record<string, unknown> | null; since: string | null; label: (key: string) => string;
  decide: (row: number, key: string) => Decision | undefined; db: Parameters<typeof lastFieldChange>[0];
}): { write: Record<string, unknown>; kept: string[]; conflicts: Conflict[] } {
  const write: Record<string, unknown> = {};
  const kept: string[] = [];
  const conflicts: Conflict[] = [];
  for (const [key, v] of Object.entries(o.changed)) {
    const spec = o.entity.columns[key];
    const [column, kind] = typeof spec === 'string' ? [spec, 'plain' as const] : spec;
    const sheet = toColumn(kind, v);
    const current = o.stored[column];
    let ask: Conflict['reason'] | null = null;
    if (o.base) {
      const exported = key in o.base ? toColumn(kind, o.base[key]) : undefined;
      if (exported !== undefined && sheet === exported) { kept.push(key); continue; }
      if (exported !== undefined && current !== exported) ask = 'export';
    } else if (o.since) {
      const last = lastFieldChange(o.db, o.entity.entity, o.id, key);
      if (last && last.at > o.since) ask = 'since';
    }
    if (!ask) { write[key] = v; continue; }
    const decision = o.decide(o.row, key);
    if (decision === 'sheet') write[key] = v;
    else if (decision !== 'current') {
      const last = lastFieldChange(o.db, o.entity.entity, o.id, key);
      conflicts.push({ row: o.row, id: o.id, name: o.name, key, label: o.label(key), sheet: text(sheet), current: text(current), by: last?.by ?? '—', at: last?.at ?? '', reason: ask });
    }
  }
  return { write, kept, conflicts };
}
