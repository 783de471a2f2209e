import type { Database } from 'better-sqlite3';
import type { Change } from '../../shared/sync/change';
import { hasConflict, mergeChange } from '../../shared/sync/merge';
import { blobRefs } from '../../shared/sync/blob-refs';
import { checkSigned } from '../../shared/sync/signed';
import { expectBlob, forgetExpectedBlob } from '../store/blob-store';
import { withFreezeLifted } from './frozen-triggers';
import { refuseAlteredRecords } from './altered-records';
import { ENTITY_TABLES } from '../store/entities';
import { noteConflicts, recordLog, type RecordLog } from '../store/field-heads';
import { prepared } from '../store/statements';
import type { Store } from '../store/store';
import { parseHlc, MAX_DRIFT_MS } from '../../shared/sync/hlc';
import { refusalReason } from './refusal';
import { writeRow } from './row-writer';
import { narrowed } from './area';
import { readSyncState } from './sync-state';

/** A change from elsewhere: a hub page, a bundle, or (raw, without nseq) a snapshot's heads. */
export type RemoteChange = Omit<Change, 'nseq' | 'cid'> & {
  nseq: number | null; hubSeq: number | null; raw?: boolean;
  /** The hub account whose device pushed it, as the hub says. */
  pushedBy?: string | null;
  /** Part of a record's whole history, asked for because it entered this laptop's towns: applied, never set aside. */
  history?: boolean;
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
  /** Changes to records this laptop never had, set aside until the whole record comes (`sync_missing`). */
  missing: number;
  /** Records whose derived caches must be recomputed (finding/complaint/case ids by stream). */
  touched: { finding: Set<string>; complaint: Set<string>; case: Set<string> };
};

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

function reject(db: Database, report: ApplyReport, c: RemoteChange, reason: string, now: string): void {
  const cid = `${c.node}:${c.nseq ?? c.hlc}`;
  prepared(db, 'INSERT OR IGNORE INTO sync_rejects (cid, entity, entity_id, change, reason, at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(cid, c.entity, c.entityId, JSON.stringify(c), reason, now);
  report.rejected.push({ cid, reason });
}

/**
 * Applies remote changes through the merge (DESIGN §5) in one transaction: per-field newest wins
 * with losing values kept as conflicts, signed documents by hash, events by union (each event is
 * its own record, written once). Each applied change is kept in the change log, already sent.
 * Re-applying a change, or one a snapshot already reflects, does nothing.
 */
export function applyRemoteChanges(store: Store, changes: RemoteChange[], page: { towns?: string[] | null } = {}): ApplyReport {
  const report: ApplyReport = { applied: 0, duplicates: 0, rejected: [], drifted: 0, conflictsNoticed: 0, missing: 0, touched: { finding: new Set(), complaint: new Set(), case: new Set() } };
  const { db } = store;
  // One moment for the whole page: every row it writes was written now.
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  // What each record's log says, read once per batch (a snapshot brings several changes per record).
  const logs = new Map<string, RecordLog>();
  const logged = loggedRecords(db, changes);
  const logOf = (c: RemoteChange) => {
    const key = `${c.entity}\u0000${c.entityId}`;
    let log = logs.get(key);
    if (!log) logs.set(key, (log = logged.has(key) ? recordLog(db, c.entity, c.entityId) : { heads: {}, changes: new Set(), lastHubSeq: 0, count: 0 }));
    return log;
  };
  const insertChange = prepared(db, 'INSERT INTO changes (node, nseq, entity, entity_id, hlc, author, fields, base, hub_seq, sent, pushed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)');
  // The clock follows the newest remote timestamp once per page; one far ahead of our wall clock is flagged instead.
  const driftLimit = nowMs + MAX_DRIFT_MS;
  let newest = '';
  // A change set aside here earlier (quarantined at the hub, then released by an admin) that now
  // arrives as part of the hub's log is no longer refused: its row in sync_rejects goes.
  const rejects = prepared(db, 'SELECT EXISTS (SELECT 1 FROM sync_rejects)').pluck().get() === 1;
  const settled: string[] = [];
  const aside = setAside(db, page.towns);
  const finalized: string[] = [];
  const run = (fn: () => void) => store.transaction(() => (changes.some((c) => c.raw) ? withFreezeLifted(db, fn) : fn()));
  run(() => {
    for (const c of changes) {
      const log = logOf(c);
      if (c.nseq !== null && log.changes.has(`${c.node}:${c.nseq}`)) {
        report.duplicates++;
        if (rejects && c.hubSeq !== null) settled.push(`${c.node}:${c.nseq}`);
        continue;
      }
      if (c.hubSeq !== null && !c.raw && log.lastHubSeq >= c.hubSeq) { report.duplicates++; continue; }
      const spec = ENTITY_TABLES.get(c.entity);
      if (!spec) { reject(db, report, c, `未知的记录类型“${c.entity}”（本机程序版本较旧）`, now); continue; }
      // A record entering a town officer's towns — one this laptop never had (the change names what it
      // replaced), or one it had before it left them (what changed meanwhile never came) — is not its
      // change alone: its whole history is asked of the hub after this page, and until then every
      // change of it waits there too (applied out of order, they would read as conflicts).
      if (!c.raw && !c.history && aside.applies(c, log)) {
        prepared(db, 'INSERT OR IGNORE INTO sync_missing (entity, entity_id, noticed_at) VALUES (?, ?, ?)').run(c.entity, c.entityId, now);
        report.missing++;
        continue;
      }
      const heads = log.heads;
      const outcome = mergeChange(heads, c, { raw: c.raw });
      if (outcome.duplicate) { report.duplicates++; continue; }
      // A snapshot is the hub's copy as it stands (already checked there); a change is checked here.
      const signed = c.raw ? null : checkSigned(c.entity, heads, c.fields);
      if (signed === 'same') { report.duplicates++; continue; }
      if (signed) { reject(db, report, c, signed, now); continue; }
      // The blobs a record refers to are registered before the row that points at them. A refusal (a
      // constraint, a trigger) leaves nothing of this change behind: SQLite undoes its statement, and
      // blob rows registered for it alone are taken back.
      const registered = blobRefs(c.entity, c.row ? { ...c.row, ...c.fields } : c.fields).filter((hash) => expectBlob(db, hash, now));
      try {
        writeRow(db, spec, c.entityId, outcome.won, log.count > 0 || undefined, c.row, now);
      } catch (e) {
        for (const hash of registered) forgetExpectedBlob(db, hash);
        reject(db, report, c, refusalReason(e), now);
        continue;
      }
      insertChange.run(c.node, c.nseq, c.entity, c.entityId, c.hlc, c.author, JSON.stringify(c.fields), jsonOf(c.base), c.hubSeq, c.pushedBy ?? null);
      log.heads = outcome.heads;
      log.count++;
      if (c.nseq !== null) log.changes.add(`${c.node}:${c.nseq}`);
      if (c.hubSeq !== null && c.hubSeq > log.lastHubSeq) log.lastHubSeq = c.hubSeq;
      if (parseHlc(c.hlc).ms > driftLimit) report.drifted++;
      else if (c.hlc > newest) newest = c.hlc;
      const had = hasConflict(heads);
      const has = hasConflict(outcome.heads);
      if (had || has) noteConflicts(db, c.entity, c.entityId, outcome.heads);
      if (has && !had) report.conflictsNoticed++;
      touch(report, c);
      if (c.entity === 'inspection_record' && !c.raw) finalized.push(c.entityId);
      report.applied++;
      if (rejects && c.nseq !== null) settled.push(`${c.node}:${c.nseq}`);
    }
    if (settled.length) prepared(db, 'DELETE FROM sync_rejects WHERE cid IN (SELECT value FROM json_each(?))').run(JSON.stringify(settled));
    // A finalized record received here is kept only when its rows rebuild it (a snapshot checks at its end).
    report.rejected.push(...refuseAlteredRecords(db, finalized, now));
  });
  if (newest) store.clock.receive(newest);
  return report;
}

/**
 * Which remote changes wait for their record's whole history (`sync_missing`): those of a record
 * already waiting, of one never had here whose change replaced something, and of one held here whose
 * town this laptop's data is not complete for (`area.ts`), counting this page (read with `towns`):
 * it left a town officer's towns, or they lost that town for a while, and it is coming back.
 */
function setAside(db: Database, towns: string[] | null | undefined) {
  const waiting = new Set((prepared(db, 'SELECT entity, entity_id AS id FROM sync_missing').all() as { entity: string; id: string }[]).map((k) => `${k.entity}\u0000${k.id}`));
  const complete = narrowed(readSyncState(db).area, towns);
  const area = complete === null ? null : new Set(complete);
  return {
    applies(c: RemoteChange, log: RecordLog): boolean {
      const key = `${c.entity}\u0000${c.entityId}`;
      const town = log.heads.townCode?.[0]?.v;
      const wait = waiting.has(key) || (log.count === 0 && hasBase(c.base)) || (area !== null && log.count > 0 && typeof town === 'string' && !area.has(town));
      if (wait) waiting.add(key);
      return wait;
    },
  };
}

function hasBase(base: Record<string, string[]>): boolean {
  for (const f in base) if (base[f].length) return true;
  return false;
}

function jsonOf(base: Record<string, string[]>): string {
  for (const _ in base) return JSON.stringify(base);
  return '{}';
}
