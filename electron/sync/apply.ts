import type { Database } from 'better-sqlite3';
import type { Change } from '../../shared/sync/change';
import { conflictedFields, mergeChange, type FieldHeads } from '../../shared/sync/merge';
import { blobRefs } from '../../shared/sync/blob-refs';
import { checkSigned } from '../../shared/sync/signed';
import { expectBlob } from '../store/blob-store';
import { withFreezeLifted } from './frozen-triggers';
import { ENTITY_TABLES } from '../store/entities';
import { loadHeads, noteConflicts } from '../store/field-heads';
import { prepared } from '../store/statements';
import type { Store } from '../store/store';
import { toColumn, type EntityTable } from '../store/write-path';

/** A change from elsewhere: a hub page, a bundle, or (raw, without nseq) a snapshot's heads. */
export type RemoteChange = Omit<Change, 'nseq' | 'cid'> & {
  nseq: number | null; hubSeq: number | null; raw?: boolean;
  /** A snapshot's whole record (its winning values), to create the row in one go. */
  row?: Record<string, unknown>;
};

export type ApplyReport = {
  applied: number;
  duplicates: number;
  rejected: { cid: string; reason: string }[];
  /** Changes whose clock was far ahead of ours: applied, flagged, not followed. */
  drifted: number;
  conflictsNoticed: number;
  /** Records whose derived caches must be recomputed (finding/complaint/case ids by stream). */
  touched: { finding: Set<string>; complaint: Set<string>; case: Set<string> };
};

function columnSpec(spec: EntityTable, field: string): [string, 'plain' | 'bool' | 'json'] {
  if (field === 'deletedAt') return ['deleted_at', 'plain'];
  const c = spec.columns[field];
  if (c === undefined) throw new Error(`未知字段 ${spec.entity}.${field}`);
  return typeof c === 'string' ? [c, 'plain'] : c;
}

/** Writes the fields a merge decided to the record's row (creating the row on its first change). */
function writeRow(db: Database, spec: EntityTable, id: string, won: Record<string, unknown>, row?: Record<string, unknown>): void {
  const cols: string[] = [];
  const vals: unknown[] = [];
  const exists = prepared(db, `SELECT 1 FROM ${spec.table} WHERE ${spec.key} = ?`).get(id) !== undefined;
  for (const [field, value] of Object.entries(exists || !row ? won : { ...row, ...won })) {
    const [col, kind] = columnSpec(spec, field);
    cols.push(col);
    vals.push(toColumn(kind, value));
  }
  const now = new Date().toISOString();
  if (exists) {
    if (cols.length) prepared(db, `UPDATE ${spec.table} SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE ${spec.key} = ?`).run(...vals, now, id);
  } else {
    const all = [spec.key, ...cols, 'created_at', 'updated_at'];
    prepared(db, `INSERT INTO ${spec.table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`).run(id, ...vals, now, now);
  }
}

function lastHubSeq(db: Database, entity: string, id: string): number {
  return (prepared(db, 'SELECT max(hub_seq) FROM changes WHERE entity = ? AND entity_id = ?').pluck().get(entity, id) as number | null) ?? 0;
}

function touch(report: ApplyReport, c: RemoteChange): void {
  if (c.entity === 'finding') report.touched.finding.add(c.entityId);
  if (c.entity === 'record_event') {
    const stream = c.fields.stream as keyof ApplyReport['touched'];
    if (report.touched[stream]) report.touched[stream].add(c.fields.streamId as string);
  }
  if (c.entity === 'complaint') report.touched.complaint.add(c.entityId);
  if (c.entity === 'case') report.touched.case.add(c.entityId);
}

function reject(db: Database, report: ApplyReport, c: RemoteChange, reason: string): void {
  const cid = `${c.node}:${c.nseq ?? c.hlc}`;
  prepared(db, 'INSERT OR IGNORE INTO sync_rejects (cid, entity, entity_id, change, reason, at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(cid, c.entity, c.entityId, JSON.stringify(c), reason, new Date().toISOString());
  report.rejected.push({ cid, reason });
}

/**
 * Applies remote changes through the merge (DESIGN §5) in one transaction: per-field newest wins
 * with losing values kept as conflicts, signed documents by hash, events by union (each event is
 * its own record, written once). Each applied change is kept in the change log, already sent.
 * Re-applying a change, or one a snapshot already reflects, does nothing.
 */
export function applyRemoteChanges(store: Store, changes: RemoteChange[]): ApplyReport {
  const report: ApplyReport = { applied: 0, duplicates: 0, rejected: [], drifted: 0, conflictsNoticed: 0, touched: { finding: new Set(), complaint: new Set(), case: new Set() } };
  const { db } = store;
  const run = (fn: () => void) => store.transaction(() => (changes.some((c) => c.raw) ? withFreezeLifted(db, fn) : fn()));
  run(() => {
    for (const c of changes) {
      if (c.nseq !== null && prepared(db, 'SELECT 1 FROM changes WHERE node = ? AND nseq = ?').get(c.node, c.nseq)) { report.duplicates++; continue; }
      if (c.hubSeq !== null && !c.raw && lastHubSeq(db, c.entity, c.entityId) >= c.hubSeq) { report.duplicates++; continue; }
      const spec = ENTITY_TABLES.get(c.entity);
      if (!spec) { reject(db, report, c, `未知的记录类型“${c.entity}”（本机程序版本较旧）`); continue; }
      const heads: FieldHeads = loadHeads(db, c.entity, c.entityId);
      const outcome = mergeChange(heads, c, { raw: c.raw });
      if (outcome.duplicate) { report.duplicates++; continue; }
      // A snapshot is the hub's copy as it stands (already checked there); a change is checked here.
      const signed = c.raw ? null : checkSigned(c.entity, heads, c.fields);
      if (signed === 'same') { report.duplicates++; continue; }
      if (signed) { reject(db, report, c, signed); continue; }
      try {
        db.transaction(() => {
          for (const hash of blobRefs(c.entity, { ...c.row, ...c.fields })) expectBlob(db, hash);
          writeRow(db, spec, c.entityId, outcome.won, c.row);
          prepared(db, 'INSERT INTO changes (node, nseq, entity, entity_id, hlc, author, fields, base, hub_seq, sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)')
            .run(c.node, c.nseq, c.entity, c.entityId, c.hlc, c.author, JSON.stringify(c.fields), JSON.stringify(c.base), c.hubSeq);
        })();
      } catch (e) {
        reject(db, report, c, `本机拒绝写入：${(e as Error).message}`);
        continue;
      }
      if (store.clock.receive(c.hlc).drifted) report.drifted++;
      const conflicted = conflictedFields(outcome.heads).length > 0;
      if (conflicted || conflictedFields(heads).length > 0) noteConflicts(db, c.entity, c.entityId, outcome.heads);
      if (conflicted && conflictedFields(heads).length === 0) report.conflictsNoticed++;
      touch(report, c);
      report.applied++;
    }
  });
  return report;
}
