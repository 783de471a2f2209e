import type { Database } from 'better-sqlite3';
import type { Finding, FindingFilter } from '../../shared/api/findings';
import type { FindingFold } from '../../shared/finding/fold';
import { UNFINISHED_STATES } from '../../shared/finding/states';
import { FINDING } from './entities';
import { prepared } from './statements';
import { rowToFields } from './write-path';
import { findingNoOf, overdueDays } from '../../shared/finding/numbering';

const UNFINISHED = UNFINISHED_STATES.map((s) => `'${s}'`).join(', ');

/** The SQL condition of a filter (fixed fragments, values as parameters). */
export function findingWhere(f: FindingFilter, today: string): { sql: string; args: unknown[] } {
  const where = ['f.deleted_at IS NULL'];
  const args: unknown[] = [];
  const eq = [['f.target_kind', f.targetKind], ['f.target_id', f.targetId], ['f.source_id', f.sourceId], ['f.source_kind', f.sourceKind], ['f.town_code', f.townCode],
    ['f.responsible_unit', f.responsibleUnit], ['f.responsible_person', f.responsiblePerson], ['f.deadline_band', f.deadlineBand], ['f.state', f.state]] as const;
  for (const [col, value] of eq) if (value) { where.push(`${col} = ?`); args.push(value); }
  if (f.overdue === true) { where.push(`f.state IN (${UNFINISHED}) AND f.deadline < ?`); args.push(today); }
  if (f.overdue === false) { where.push(`NOT (f.state IN (${UNFINISHED}) AND f.deadline < ?)`); args.push(today); }
  if (f.reopened) where.push('f.reopen_count > 0');
  if (f.unfinished) where.push(`f.state IN (${UNFINISHED})`);
  if (f.month) { where.push('f.found_at >= ? AND f.found_at < ?'); args.push(`${f.month}-01`, `${f.month}-32`); }
  if (f.recheckDueBy) { where.push('f.recheck_due IS NOT NULL AND f.recheck_due <= ?'); args.push(f.recheckDueBy); }
  if (f.q && /^\d{4}-[0-9a-f]{6}$/i.test(f.q)) {
    // The number the ledger and the page show for a problem without its own (year and the end of its id).
    where.push("(f.number = ? OR (f.number IS NULL AND substr(f.found_at, 1, 4) = ? AND upper(substr(f.id, -6)) = ?))"); args.push(f.q, f.q.slice(0, 4), f.q.slice(5).toUpperCase());
  } else if (f.q && [...f.q].length >= 3) {
    // ≥3 characters: the trigram index; shorter terms scan (a finding list is tens of thousands at most).
    where.push('f.rowid IN (SELECT rowid FROM findings_fts WHERE findings_fts MATCH ?)'); args.push(`"${f.q.replace(/"/g, '""')}"`);
  } else if (f.q) {
    where.push("(f.description LIKE ? ESCAPE '\\' OR f.target_name LIKE ? ESCAPE '\\' OR f.number = ?)"); const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`; args.push(like, like, f.q);
  }
  if (f.watershedId) { where.push('f.watershed_id = ?'); args.push(f.watershedId); }
  if (f.industry) { where.push('f.industry_section = ?'); args.push(f.industry); }
  return { sql: where.join(' AND '), args };
}

/** Maps a findings row (with `town_name`) to a Finding on `today`. */
export function rowToFinding(r: Record<string, unknown>, today: string): Finding {
  const { createdAt: _c, updatedAt: _u, deleted: _d, ...fields } = rowToFields(FINDING, r);
  const state = r.state as Finding['state'];
  return {
    ...fields, townName: (r.town_name as string | null) ?? null,
    responsiblePersonId: r.responsible_person_id as string | null, progress: r.progress as string | null, acceptedAt: r.accepted_at as string | null,
    noticeFrom: r.notice_from as string | null, noticeTo: r.notice_to as string | null, closedAt: r.closed_at as string | null,
    recheckDue: r.recheck_due as string | null, reopenCount: r.reopen_count as number, flagCount: r.flag_count as number,
    overdue: (UNFINISHED_STATES as readonly string[]).includes(state) && (r.deadline as string) < today,
    overdueDays: (UNFINISHED_STATES as readonly string[]).includes(state) ? overdueDays(r.deadline as string, today) : 0,
    findingNo: findingNoOf({ number: r.number as string | null, foundAt: r.found_at as string, id: r.id as string }),
  } as Finding;
}

/** Findings newest first by any of the list's filters. */
export function listFindings(db: Database, f: FindingFilter, today: string, offset: number, limit: number): { total: number; rows: Finding[] } {
  const w = findingWhere(f, today);
  const total = (prepared(db, `SELECT count(*) AS n FROM findings f WHERE ${w.sql}`).get(...w.args) as { n: number }).n;
  const rows = prepared(db, `SELECT f.*, r.name AS town_name FROM findings f LEFT JOIN regions r ON r.code = f.town_code
    WHERE ${w.sql} ORDER BY f.found_at DESC, f.id DESC LIMIT ? OFFSET ?`).all(...w.args, limit, offset) as Record<string, unknown>[];
  return { total, rows: rows.map((r) => rowToFinding(r, today)) };
}

export function getFinding(db: Database, id: string, today: string): Finding | null {
  const r = prepared(db, 'SELECT f.*, r.name AS town_name FROM findings f LEFT JOIN regions r ON r.code = f.town_code WHERE f.id = ?').get(id) as Record<string, unknown> | undefined;
  return r ? rowToFinding(r, today) : null;
}

/**
 * The seed a finding's events fold from: its reference fields as last written through the write path
 * (raised, or re-based by an import), in HLC order so every replica agrees.
 */
export function findingSeed(db: Database, id: string): { deadline: string; responsibleUnit: string; responsiblePerson: string } | null {
  const seed: Record<string, string> = {};
  for (const c of prepared(db, "SELECT fields FROM changes WHERE entity = 'finding' AND entity_id = ? ORDER BY hlc").all(id) as { fields: string }[]) {
    const f = JSON.parse(c.fields) as Record<string, unknown>;
    for (const k of ['deadline', 'responsibleUnit', 'responsiblePerson']) if (typeof f[k] === 'string') seed[k] = f[k] as string;
  }
  if (!seed.deadline) return null;
  return { deadline: seed.deadline, responsibleUnit: seed.responsibleUnit ?? '', responsiblePerson: seed.responsiblePerson ?? '' };
}

/** Writes the fold's result to the row's derived columns (a cache every replica recomputes). */
export function cacheFindingFold(db: Database, id: string, s: FindingFold, flagCount: number): void {
  prepared(db, `UPDATE findings SET state = ?, deadline = ?, responsible_unit = ?, responsible_person = ?, responsible_person_id = ?, progress = ?,
    submitted_at = ?, accepted_at = ?, accepted_by = ?, notice_from = ?, notice_to = ?, closed_at = ?, recheck_due = ?, reopen_count = ?, flag_count = ?, last_event_at = ?
    WHERE id = ?`).run(s.state, s.deadline, s.responsibleUnit, s.responsiblePerson, s.responsiblePersonId, s.progress, s.submittedAt, s.acceptedAt, s.acceptedBy,
    s.noticeFrom, s.noticeTo, s.closedAt, s.recheckDue, s.reopenCount, flagCount, s.lastEventAt, id);
}

/** Distinct responsible units and people (for filters and the assignment form). */
export function findingFacets(db: Database): { units: string[]; persons: string[] } {
  const col = (c: string) => prepared(db, `SELECT DISTINCT ${c} AS v FROM findings WHERE deleted_at IS NULL AND ${c} <> '' ORDER BY ${c} LIMIT 500`).all().map((r) => (r as { v: string }).v);
  return { units: col('responsible_unit'), persons: col('responsible_person') };
}

/** Where a finding's target is, recorded with the finding (like its town): watershed and industry section. */
export function targetFacets(db: Database, kind: string, id: string | null): { watershedId: string | null; industrySection: string | null } {
  if (!id) return { watershedId: null, industrySection: null };
  if (kind === 'enterprise') {
    const e = prepared(db, 'SELECT watershed_id AS w, industry_code AS i FROM enterprises WHERE id = ?').get(id) as { w: string | null; i: string | null } | undefined;
    return { watershedId: e?.w ?? null, industrySection: e?.i ? e.i.slice(0, 1) : null };
  }
  if (kind === 'outfall') return { watershedId: (prepared(db, 'SELECT watershed_id FROM outfalls WHERE id = ?').pluck().get(id) as string | null | undefined) ?? null, industrySection: null };
  return { watershedId: null, industrySection: null };
}

/** The findings a record (an inspection, a complaint) gave rise to, with the checklist item each came from. */
export function findingsFromSource(db: Database, sourceId: string): { item_id: string; id: string }[] {
  return prepared(db, 'SELECT item_id, id FROM findings WHERE source_id = ? AND deleted_at IS NULL').all(sourceId) as { item_id: string; id: string }[];
}

/**
 * The problems a 复查 of a target lists (issue 19): every one not yet 销号, and those 销号 whose
 * after-close re-check is still due — oldest first.
 */
export function openProblemsOf(db: Database, targetKind: string, targetId: string | null): { id: string; description: string; state: string; deadline: string; foundAt: string }[] {
  if (!targetId) return [];
  return prepared(db, `SELECT id, description, state, deadline, found_at AS foundAt FROM findings
    WHERE target_kind = ? AND target_id = ? AND deleted_at IS NULL AND (state <> 'closed' OR recheck_due IS NOT NULL)
    ORDER BY found_at, id`).all(targetKind, targetId) as { id: string; description: string; state: string; deadline: string; foundAt: string }[];
}
