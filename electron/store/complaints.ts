import { complaintNumber, provisionalComplaintNumber } from '../../shared/complaint/number';
import type { Database } from 'better-sqlite3';
import type { Complaint } from '../../shared/api/complaints';
import { addDays } from '../../shared/domain/calendar';
import { complaintOverdue, pendingReview, type ComplaintFold } from '../../shared/complaint/fold';
import { COMPLAINT } from './entities';
import { prepared } from './statements';
import { rowToFields } from './write-path';

export type ComplaintFilter = { q?: string; state?: string; overdue?: boolean; townCode?: string; category?: string; channel?: string; from?: string; to?: string };

/** Days before a deadline when a complaint shows as 即将到期. */
export const DUE_SOON_DAYS = 3;

/** Hides a complainant's name (张** / 匿名) and phone (138****1234) from users without the right. */
function masked(name: string, phone: string): { complainantName: string; complainantPhone: string } {
  return { complainantName: name ? `${name.slice(0, 1)}**` : '', complainantPhone: phone ? phone.replace(/^(\d{3})\d+(\d{4})$/, '$1****$2') : '' };
}

export function rowToComplaint(r: Record<string, unknown>, today: string, canSee: boolean): Complaint {
  const { createdAt: _c, updatedAt: _u, deleted: _d, ...fields } = rowToFields(COMPLAINT, r);
  const f = { state: r.state as Complaint['state'], acceptBy: r.accept_by as string, completeBy: r.complete_by as string | null };
  const review = { reviewStage: (r.review_stage as string | null) ?? null, reviewDue: (r.review_due as string | null) ?? null };
  const overdue = complaintOverdue({ ...f, ...review }, today);
  const due = f.state === 'received' ? f.acceptBy : f.state === 'accepted' ? f.completeBy : review.reviewDue;
  const c = {
    ...fields, townName: (r.town_name as string | null) ?? null, ...f, acceptedAt: r.accepted_at as string | null, concludedAt: r.concluded_at as string | null,
    outcome: r.outcome as string | null, ...review, overdue, dueSoon: !overdue && due !== null && due <= addDays(today, DUE_SOON_DAYS), complainantVisible: canSee,
  } as Complaint;
  return canSee ? c : { ...c, ...masked(c.complainantName, c.complainantPhone) };
}

function where(f: ComplaintFilter, today: string): { sql: string; args: unknown[] } {
  const w = ['c.deleted_at IS NULL'];
  const args: unknown[] = [];
  for (const [col, v] of [['c.state', f.state], ['c.town_code', f.townCode], ['c.channel', f.channel]] as const) if (v) { w.push(`${col} = ?`); args.push(v); }
  if (f.category) { w.push('EXISTS (SELECT 1 FROM json_each(c.categories) j WHERE j.value = ?)'); args.push(f.category); }
  if (f.from) { w.push('c.received_at >= ?'); args.push(f.from); }
  if (f.to) { w.push('c.received_at < ?'); args.push(addDays(f.to, 1)); }
  if (f.overdue) { w.push("((c.state = 'received' AND c.accept_by < ?) OR (c.state = 'accepted' AND c.complete_by < ?) OR c.review_due < ?)"); args.push(today, today, today); }
  if (f.q) { const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`; w.push("(c.content LIKE ? ESCAPE '\\' OR c.target_name LIKE ? ESCAPE '\\' OR c.address LIKE ? ESCAPE '\\' OR c.number = ?)"); args.push(like, like, like, f.q); }
  return { sql: w.join(' AND '), args };
}

export function listComplaints(db: Database, f: ComplaintFilter, today: string, canSee: boolean, offset: number, limit: number) {
  const w = where(f, today);
  const total = (prepared(db, `SELECT count(*) AS n FROM complaints c WHERE ${w.sql}`).get(...w.args) as { n: number }).n;
  const rows = prepared(db, `SELECT c.*, r.name AS town_name FROM complaints c LEFT JOIN regions r ON r.code = c.town_code WHERE ${w.sql}
    ORDER BY c.received_at DESC, c.id DESC LIMIT ? OFFSET ?`).all(...w.args, limit, offset) as Record<string, unknown>[];
  return { total, rows: rows.map((r) => rowToComplaint(r, today, canSee)) };
}

export function getComplaintRow(db: Database, id: string): Record<string, unknown> | undefined {
  return prepared(db, 'SELECT c.*, r.name AS town_name FROM complaints c LEFT JOIN regions r ON r.code = c.town_code WHERE c.id = ?').get(id) as Record<string, unknown> | undefined;
}

/** The next 信访 number of a year on a laptop of no hub: 2026-0001, 2026-0002… (the id is the identity). */
export function nextComplaintNumber(db: Database, year: string): string {
  const last = prepared(db, "SELECT max(CAST(substr(number, 6) AS INTEGER)) AS n FROM complaints WHERE number LIKE ? || '-%'").get(year) as { n: number | null };
  return complaintNumber(year, (last.n ?? 0) + 1);
}

/**
 * The next provisional 信访 number of this device in a year, until the hub gives the county's
 * (shared/complaint/number.ts): counted in `meta`, so a number the hub has replaced is never given again.
 */
export function nextProvisionalNumber(db: Database, year: string, device: string): string {
  const prefix = provisionalComplaintNumber(year, device, 0).replace(/00$/, '');
  const key = `provisionalComplaint:${year}`;
  const held = prepared(db, 'SELECT max(CAST(substr(number, ?) AS INTEGER)) AS n FROM complaints WHERE substr(number, 1, ?) = ?').get(prefix.length + 1, prefix.length, prefix) as { n: number | null };
  const counted = Number(prepared(db, 'SELECT value FROM meta WHERE key = ?').pluck().get(key) ?? 0);
  const next = Math.max(held.n ?? 0, counted) + 1;
  prepared(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, String(next));
  return provisionalComplaintNumber(year, device, next);
}

export function cacheComplaintFold(db: Database, id: string, s: ComplaintFold): void {
  const review = pendingReview(s);
  prepared(db, `UPDATE complaints SET state = ?, accept_by = ?, complete_by = ?, accepted_at = ?, concluded_at = ?, outcome = ?, penalty_amount = ?, last_event_at = ?,
    review_stage = ?, review_due = ? WHERE id = ?`)
    .run(s.state, s.acceptBy, s.completeBy, s.acceptedAt, s.concludedAt, s.result?.outcome ?? null, s.result?.penaltyAmount ?? null, s.lastEventAt,
      review?.stage ?? null, review?.dueBy ?? null, id);
}

/** The findings or cases a complaint gave rise to (their source is the complaint). */
export function followUpsOf(db: Database, table: 'findings' | 'cases', complaintId: string): string[] {
  return prepared(db, `SELECT id FROM ${table} WHERE source_id = ? AND deleted_at IS NULL`).pluck().all(complaintId) as string[];
}
