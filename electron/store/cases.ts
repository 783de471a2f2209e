import type { Database } from 'better-sqlite3';
import type { Case } from '../../shared/api/cases';
import { addDays } from '../../shared/domain/calendar';
import type { CaseFold } from '../../shared/case/fold';
import { caseClocks, clockState, nextDue, type CaseClock } from '../../shared/case/clocks';
import { CASE } from './entities';
import { prepared } from './statements';
import { rowToFields } from './write-path';

export type CaseFilter = { q?: string; state?: string; townCode?: string; publicityOverdue?: boolean; clockOverdue?: boolean; from?: string; to?: string };

export function rowToCase(r: Record<string, unknown>, today: string): Case {
  const { createdAt: _c, updatedAt: _u, deleted: _d, ...fields } = rowToFields(CASE, r);
  const clocks = r.clocks ? JSON.parse(r.clocks as string) as CaseClock[] : [];
  return {
    ...fields, townName: (r.town_name as string | null) ?? null, state: r.state, filedNumber: r.filed_number, filedAt: r.filed_at,
    decisionKind: r.decision_kind, decisionNumber: r.decision_number, penaltyAmount: r.penalty_amount, legalBasis: r.legal_basis,
    decidedAt: r.decided_at, publishBy: r.publish_by, publishedAt: r.published_at, transferredAt: r.transferred_at, closedAt: r.closed_at,
    publicityOverdue: r.state === 'decided' && r.publish_by !== null && (r.publish_by as string) < today,
    clocks: clocks.map((c) => ({ ...c, state: clockState(c, today) })), nextDue: (r.next_due as string | null) ?? null, documents: (r.documents as number) ?? 0,
  } as Case;
}

export function listCases(db: Database, f: CaseFilter, today: string, offset: number, limit: number) {
  const w = ['c.deleted_at IS NULL'];
  const args: unknown[] = [];
  for (const [col, v] of [['c.state', f.state], ['c.town_code', f.townCode]] as const) if (v) { w.push(`${col} = ?`); args.push(v); }
  if (f.publicityOverdue) { w.push("c.state = 'decided' AND c.publish_by < ?"); args.push(today); }
  if (f.clockOverdue) { w.push('c.next_due < ?'); args.push(today); }
  if (f.from) { w.push('c.opened_at >= ?'); args.push(f.from); }
  if (f.to) { w.push('c.opened_at < ?'); args.push(addDays(f.to, 1)); }
  if (f.q) { const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`; w.push("(c.party LIKE ? ESCAPE '\\' OR c.facts LIKE ? ESCAPE '\\' OR c.filed_number = ? OR c.decision_number = ?)"); args.push(like, like, f.q, f.q); }
  const sql = w.join(' AND ');
  const total = (prepared(db, `SELECT count(*) AS n FROM cases c WHERE ${sql}`).get(...args) as { n: number }).n;
  const rows = prepared(db, `SELECT c.*, r.name AS town_name FROM cases c LEFT JOIN regions r ON r.code = c.town_code WHERE ${sql}
    ORDER BY c.opened_at DESC, c.id DESC LIMIT ? OFFSET ?`).all(...args, limit, offset) as Record<string, unknown>[];
  return { total, rows: rows.map((r) => rowToCase(r, today)) };
}

export function getCaseRow(db: Database, id: string): Record<string, unknown> | undefined {
  return prepared(db, 'SELECT c.*, r.name AS town_name FROM cases c LEFT JOIN regions r ON r.code = c.town_code WHERE c.id = ?').get(id) as Record<string, unknown> | undefined;
}

export function cacheCaseFold(db: Database, id: string, s: CaseFold): void {
  const d = s.decision;
  const clocks = caseClocks(s);
  prepared(db, `UPDATE cases SET state = ?, filed_number = ?, filed_at = ?, decision_kind = ?, decision_number = ?, penalty_amount = ?, legal_basis = ?,
    decided_at = ?, publish_by = ?, published_at = ?, transferred_at = ?, closed_at = ?, last_event_at = ?, clocks = ?, next_due = ?, documents = ? WHERE id = ?`)
    .run(s.state, s.filedNumber, s.filedAt, d?.kind ?? null, d?.number ?? null, d?.amount ?? null, d?.legalBasis ?? null, d?.at ?? null,
      s.publishBy, s.publishedAt, s.transferredAt, s.closedAt, s.lastEventAt, JSON.stringify(clocks), nextDue(clocks), s.documents.length, id);
}

/** Cases not folded since their clocks were added (migration 0210). */
export function unfoldedCaseIds(db: Database): string[] {
  return db.prepare('SELECT id FROM cases WHERE deleted_at IS NULL AND clocks IS NULL').pluck().all() as string[];
}

/** Every case not deleted (the working-day calendar changed: their deadlines are recomputed). */
export function liveCaseIds(db: Database): string[] {
  return db.prepare('SELECT id FROM cases WHERE deleted_at IS NULL').pluck().all() as string[];
}
