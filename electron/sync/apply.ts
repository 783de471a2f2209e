import type { Database } from 'better-sqlite3';
import type { Change } from '../../shared/sync/change';
import { conflictedFields, mergeChange } from '../../shared/sync/merge';
import { blobRefs } from '../../shared/sync/blob-refs';
import { checkSigned } from '../../shared/sync/signed';
import { expectBlob } from '../store/blob-store';
import { withFreezeLifted } from './frozen-triggers';
import { ENTITY_TABLES } from '../store/entities';
import { noteConflicts, recordLog, type RecordLog } from '../store/field-heads';
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
export function writeRow(db: Database, spec: EntityTable, id: string, won: Record<string, unknown>, known: true | undefined, row?: Record<string, unknown>): void {
  const cols: string[] = [];
  const vals: unknown[] = [];
  for (const [field, value] of Object.entries(known || !row ? won : { ...row, ...won })) {
    const [col, kind] = columnSpec(spec, field);
    cols.push(col);
    vals.push(toColumn(kind, value));
  }
  const now = new Date().toISOString();
  if (known) {
    if (cols.length) prepared(db, `UPDATE ${spec.table} SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE ${spec.key} = ?`).run(...vals, now, id);
  } else {
    // A record this replica has no log of: created here, in one statement (an upsert, should a row exist after all).
    const all = [spec.key, ...cols, 'created_at', 'updated_at'];
    const update = [...cols, 'updated_at'].map((c) => `${c} = excluded.${c}`).join(', ');
    prepared(db, `INSERT INTO ${spec.table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')}) ON CONFLICT (${spec.key}) DO UPDATE SET ${update}`).run(id, ...vals, now, now);
  }
}

/** Which of these records have a change log here (one query per kind, instead of one per change). */
function loggedRecords(db: Database, changes: RemoteChange[]): Set<string> {
  const byEntity = new Map<string, Set<string>>();
  for (const c of changes) {
    let ids = byEntity.get(c.entity);
    if (!ids) byEntity.set(c.entity, (ids = new Set()));
    ids.add(c.entityId);
  }
  const logged = new Set<string>();
  const stmt = prepared(db, 'SELECT DISTINCT entity_id FROM changes WHERE entity = ? AND entity_id IN (SELECT value FROM json_each(?))').pluck();
  for (const [entity, ids] of byEntity) for (const id of stmt.all(entity, JSON.stringify([...ids])) as string[]) logged.add(`${entity}\u0000${id}`);
  return logged;
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
  // What each record's log says, read once per batch (a snapshot brings several changes per record).
  const logs = new Map<string, RecordLog>();
  const logged = loggedRecords(db, changes);
  const logOf = (c: RemoteChange) => {
    const key = `${c.entity}\u0000${c.entityId}`;
    let log = logs.get(key);
    if (!log) logs.set(key, (log = logged.has(key) ? recordLog(db, c.entity, c.entityId) : { heads: {}, changes: new Set(), lastHubSeq: 0, count: 0 }));
    return log;
  };
  const insertChange = prepared(db, 'INSERT INTO changes (node, nseq, entity, entity_id, hlc, author, fields, base, hub_seq, sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)');
  const run = (fn: () => void) => store.transaction(() => (changes.some((c) => c.raw) ? withFreezeLifted(db, fn) : fn()));
  run(() => {
    for (const c of changes) {
      const log = logOf(c);
      if (c.nseq !== null && log.changes.has(`${c.node}:${c.nseq}`)) { report.duplicates++; continue; }
      if (c.hubSeq !== null && !c.raw && log.lastHubSeq >= c.hubSeq) { report.duplicates++; continue; }
      const spec = ENTITY_TABLES.get(c.entity);
      if (!spec) { reject(db, report, c, `未知的记录类型“${c.entity}”（本机程序版本较旧）`); continue; }
      const heads = log.heads;
      const outcome = mergeChange(heads, c, { raw: c.raw });
      if (outcome.duplicate) { report.duplicates++; continue; }
      // A snapshot is the hub's copy as it stands (already checked there); a change is checked here.
      const signed = c.raw ? null : checkSigned(c.entity, heads, c.fields);
      if (signed === 'same') { report.duplicates++; continue; }
      if (signed) { reject(db, report, c, signed); continue; }
      const refs = blobRefs(c.entity, c.row ? { ...c.row, ...c.fields } : c.fields);
      try {
        // A refusal (a constraint, a trigger) leaves nothing of this change behind: one statement, or
        // with the blobs it refers to registered first (the row points at them), one savepoint.
        const write = () => { for (const hash of refs) expectBlob(db, hash); writeRow(db, spec, c.entityId, outcome.won, log.count > 0 || undefined, c.row); };
        if (refs.length) db.transaction(write)(); else write();
      } catch (e) {
        reject(db, report, c, `本机拒绝写入：${(e as Error).message}`);
        continue;
      }
      insertChange.run(c.node, c.nseq, c.entity, c.entityId, c.hlc, c.author, JSON.stringify(c.fields), JSON.stringify(c.base), c.hubSeq);
      log.heads = outcome.heads;
      log.count++;
      if (c.nseq !== null) log.changes.add(`${c.node}:${c.nseq}`);
      if (c.hubSeq !== null && c.hubSeq > log.lastHubSeq) log.lastHubSeq = c.hubSeq;
      if (store.clock.receive(c.hlc).drifted) report.drifted++;
      const had = conflictedFields(heads).length > 0;
      const has = conflictedFields(outcome.heads).length > 0;
      if (had || has) noteConflicts(db, c.entity, c.entityId, outcome.heads);
      if (has && !had) report.conflictsNoticed++;
      touch(report, c);
      report.applied++;
    }
  });
  return report;
}
