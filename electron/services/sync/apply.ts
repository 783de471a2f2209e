import type { Database } from 'better-sqlite3';
import type { Change } from '../../../shared/sync/change';
import { mergeChange, winningValues } from '../../../shared/sync/merge';
import { referencesOf } from '../../../shared/sync/references';
import { checkSigned, finalizeWithoutText, isFinalizing } from '../../../shared/sync/signed';
import { parseHlc, MAX_DRIFT_MS } from '../../../shared/sync/hlc';
import { loggedRecords } from '../../store/change-log';
import { ENTITY_TABLES } from '../../store/entities';
import { recordLog, type RecordLog } from '../../store/field-heads';
import { signedTextHash } from '../../store/inspections';
import { withFreezeLifted } from '../../store/frozen-triggers';
import type { Store } from '../../store/store';
import { missingKeys, noteMissing } from '../../store/sync-missing';
import { anyRejected, noteRejected, settleRejected } from '../../store/sync-rejects';
import { readSyncState } from '../../store/sync-state';
import { recordHeld } from '../../store/record-town';
import { writeReceived } from '../../store/write-path';
import { refuseAlteredRecords } from './altered-records';
import { refusalReason } from './refusal';
import { narrowed } from './area';

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
function recordsLogged(db: Database, changes: RemoteChange[]): Set<string> {
  const byEntity = new Map<string, Set<string>>();
  for (const c of changes) {
    let ids = byEntity.get(c.entity);
    if (!ids) byEntity.set(c.entity, (ids = new Set()));
    ids.add(c.entityId);
  }
  return loggedRecords(db, byEntity);
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
  noteRejected(db, cid, c.entity, c.entityId, JSON.stringify(c), reason, now);
  report.rejected.push({ cid, reason });
}

/**
 * Applies remote changes through the merge (DESIGN §5) in one transaction: per-field newest wins
 * with losing values kept as conflicts, signed documents by hash, events by union (each event is
 * its own record, written once). Each applied change is kept in the change log, already sent.
 * Re-applying a change, or one a snapshot already reflects, does nothing.
 */
export function applyRemoteChanges(store: Store, changes: RemoteChange[], page: { towns?: string[] | null; requested?: Set<string> } = {}): ApplyReport {
  const report: ApplyReport = { applied: 0, duplicates: 0, rejected: [], drifted: 0, conflictsNoticed: 0, missing: 0, touched: { finding: new Set(), complaint: new Set(), case: new Set() } };
  const { db } = store;
  // One moment for the whole page: every row it writes was written now.
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  // What each record's log says, read once per batch (a snapshot brings several changes per record).
  const logs = new Map<string, RecordLog>();
  const logged = recordsLogged(db, changes);
  const logOf = (c: RemoteChange) => {
    const key = `${c.entity}\u0000${c.entityId}`;
    let log = logs.get(key);
    if (!log) logs.set(key, (log = logged.has(key) ? recordLog(db, c.entity, c.entityId) : { heads: {}, changes: new Set(), lastHubSeq: 0, count: 0 }));
    return log;
  };
  // The clock follows the newest remote timestamp once per page; one far ahead of our wall clock is flagged instead.
  const driftLimit = nowMs + MAX_DRIFT_MS;
  let newest = '';
  // A change set aside here earlier (quarantined at the hub, then released by an admin) that now
  // arrives as part of the hub's log is no longer refused: its row in sync_rejects goes.
  const rejects = anyRejected(db);
  const settled: string[] = [];
  const aside = setAside(db, page.towns);
  const finalized: string[] = [];
  const deferred = new Set<string>();
  // Inside the caller's transaction (a pull page, a bundle) the page needs no savepoint of its own: a
  // throw here undoes the caller's transaction, and a savepoint would journal every page it touches.
  const whole = (fn: () => void) => (db.inTransaction ? fn() : store.transaction(fn));
  const run = (fn: () => void) => whole(() => (changes.some((c) => c.raw) ? withFreezeLifted(db, fn) : fn()));
  run(() => {
    for (const c of changes) {
      // The rest of a record set aside in this page waits with it.
      if (deferred.size && deferred.has(`${c.entity}\u0000${c.entityId}`)) { report.missing++; continue; }
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
        noteMissing(db, c.entity, c.entityId, now);
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
      // 定稿 follows its signed text, as at the hub.
      const textFirst = !c.raw && isFinalizing(c.entity, c.fields) ? finalizeWithoutText(c.fields, signedTextHash(db, c.entityId)) : null;
      if (textFirst) { reject(db, report, c, textFirst, now); continue; }
      // Written through the write path, as a local edit is; a refusal (a constraint, a trigger) leaves nothing of it.
      let conflicted: boolean;
      try {
        conflicted = writeReceived(db, spec, c, { won: outcome.won, before: heads, after: outcome.heads, known: log.count > 0 }, now);
      } catch (e) {
        // It names a record this laptop does not hold (a town officer's outfall whose enterprise is in
        // another town, issue 21): both wait for their histories, which the hub sends as read-only references.
        // (A snapshot's record names only what the snapshot holds; a reference fetched as it stands may name more.)
        const absent = c.raw && !page.requested ? [] : referencesOf(c.entity, c.entityId, { ...winningValues(outcome.heads), ...c.row }).filter((r) => !recordHeld(db, r.entity, r.id));
        // Within a history already fetched, only once per run: a record the hub would not give stays refused.
        if (absent.length && (!(c.history || c.raw) || askAgain(page.requested, absent))) {
          for (const r of [{ entity: c.entity, id: c.entityId }, ...absent]) noteMissing(db, r.entity, r.id, now);
          aside.wait(c);
          deferred.add(`${c.entity}\u0000${c.entityId}`);
          report.missing++;
          continue;
        }
        reject(db, report, c, refusalReason(e), now);
        continue;
      }
      // What it names and this laptop lacks (a complaint about another town's outfall): fetched as a reference.
      if (!c.raw) {
        for (const r of referencesOf(c.entity, c.entityId, winningValues(outcome.heads))) {
          if (!recordHeld(db, r.entity, r.id) && (!c.history || askAgain(page.requested, [r]))) noteMissing(db, r.entity, r.id, now);
        }
      }
      log.heads = outcome.heads;
      log.count++;
      if (c.nseq !== null) log.changes.add(`${c.node}:${c.nseq}`);
      if (c.hubSeq !== null && c.hubSeq > log.lastHubSeq) log.lastHubSeq = c.hubSeq;
      if (parseHlc(c.hlc).ms > driftLimit) report.drifted++;
      else if (c.hlc > newest) newest = c.hlc;
      if (conflicted) report.conflictsNoticed++;
      touch(report, c);
      // Its signed text, or a change of its state or hash (定稿 may come a page later): the record is checked then.
      if (!c.raw && (c.entity === 'inspection_record' || (c.entity === 'inspection' && ('state' in c.fields || 'sha256' in c.fields)))) finalized.push(c.entityId);
      report.applied++;
      if (rejects && c.nseq !== null) settled.push(`${c.node}:${c.nseq}`);
    }
    if (settled.length) settleRejected(db, settled);
    // A finalized record received here is kept only when its rows rebuild it (a snapshot checks at its end).
    report.rejected.push(...refuseAlteredRecords(store, finalized, now));
  });
  if (newest) store.clock.receive(newest);
  return report;
}

/**
 * Whether records a history names are to be asked for (again): not when this run of fetching already
 * asked for one of them (the hub does not let this reader see it; asking again would never end).
 */
function askAgain(requested: Set<string> | undefined, keys: { entity: string; id: string }[]): boolean {
  if (!requested) return true;
  return keys.every((k) => !requested.has(`${k.entity}\u0000${k.id}`));
}

/**
 * Which remote changes wait for their record's whole history (`sync_missing`): those of a record
 * already waiting, of one never had here whose change replaced something, and of one held here whose
 * town this laptop's data is not complete for (`area.ts`), counting this page (read with `towns`):
 * it left a town officer's towns, or they lost that town for a while, and it is coming back.
 */
function setAside(db: Database, towns: string[] | null | undefined) {
  const waiting = missingKeys(db);
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
    /** From now on every change of this record waits too. */
    wait(c: RemoteChange): void {
      waiting.add(`${c.entity}\u0000${c.entityId}`);
    },
  };
}

function hasBase(base: Record<string, string[]>): boolean {
  for (const f in base) if (base[f].length) return true;
  return false;
}
