import type { Database } from 'better-sqlite3';
import type { Dashboard, Slice } from '../../shared/api/dashboard';
import { FINDING_SOURCES } from '../../shared/api/findings';
import { addDays } from '../../shared/domain/calendar';
import { INDUSTRY_SECTIONS } from '../../shared/domain/industry';
import { UNFINISHED_STATES } from '../../shared/finding/states';
import { prepared } from './statements';

const UNFINISHED = UNFINISHED_STATES.map((s) => `'${s}'`).join(', ');
const SLICE = `count(*) AS total, sum(f.state IN (${UNFINISHED})) AS unfinished, sum(f.state IN (${UNFINISHED}) AND f.deadline < ?) AS overdue, sum(f.state = 'closed') AS closed`;

/** Findings counted by one key expression (with its label), largest first. */
function sliceBy(db: Database, today: string, key: string, label: string, join = ''): Slice[] {
  return prepared(db, `SELECT ${key} AS key, ${label} AS label, ${SLICE} FROM findings f ${join} WHERE f.deleted_at IS NULL GROUP BY 1 ORDER BY total DESC`)
    .all(today) as Slice[];
}

/** The county's figures for the dashboard, on `today`. */
export function dashboardFigures(db: Database, today: string, personId: string | null): Omit<Dashboard, 'mine'> & { mineFindings: Dashboard['mine']['findings'] } {
  const f = prepared(db, `SELECT count(*) AS total, sum(f.state IN (${UNFINISHED})) AS unfinished, sum(f.state IN (${UNFINISHED}) AND f.deadline < ?) AS overdue,
    sum(f.state = 'closed') AS closed, sum(f.reopen_count > 0) AS reopened, sum(f.recheck_due IS NOT NULL AND f.recheck_due <= ?) AS recheckDue
    FROM findings f WHERE f.deleted_at IS NULL`).get(today, today) as Record<string, number | null>;
  const byState = Object.fromEntries((prepared(db, 'SELECT state, count(*) AS n FROM findings WHERE deleted_at IS NULL GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
  const c = prepared(db, `SELECT sum(state IN ('received', 'accepted')) AS open,
    sum((state = 'received' AND accept_by < ?) OR (state = 'accepted' AND complete_by < ?)) AS overdue,
    sum((state = 'received' AND accept_by BETWEEN ? AND ?) OR (state = 'accepted' AND complete_by BETWEEN ? AND ?)) AS dueSoon,
    sum(substr(received_at, 1, 4) = ?) AS thisYear FROM complaints WHERE deleted_at IS NULL`).get(today, today, today, addDays(today, 3), today, addDays(today, 3), today.slice(0, 4)) as Record<string, number | null>;
  const k = prepared(db, `SELECT sum(state NOT IN ('closed')) AS open, sum(state = 'decided' AND publish_by < ?) AS publicityOverdue, coalesce(sum(penalty_amount), 0) AS penaltyTotal
    FROM cases WHERE deleted_at IS NULL`).get(today) as Record<string, number | null>;
  const from = `${addDays(`${today.slice(0, 7)}-01`, -334).slice(0, 7)}`;
  const raised = new Map((prepared(db, "SELECT substr(found_at, 1, 7) AS m, count(*) AS n FROM findings WHERE deleted_at IS NULL AND found_at >= ? GROUP BY 1").all(`${from}-01`) as { m: string; n: number }[]).map((r) => [r.m, r.n]));
  const closed = new Map((prepared(db, "SELECT substr(closed_at, 1, 7) AS m, count(*) AS n FROM findings WHERE deleted_at IS NULL AND closed_at >= ? GROUP BY 1").all(`${from}-01`) as { m: string; n: number }[]).map((r) => [r.m, r.n]));
  const complaints = new Map((prepared(db, "SELECT substr(received_at, 1, 7) AS m, count(*) AS n FROM complaints WHERE deleted_at IS NULL AND received_at >= ? GROUP BY 1").all(`${from}-01`) as { m: string; n: number }[]).map((r) => [r.m, r.n]));
  const trend: Dashboard['trend'] = [];
  for (let i = 0, m = from; i < 12; i++, m = addDays(`${m}-28`, 5).slice(0, 7)) trend.push({ month: m, raised: raised.get(m) ?? 0, closed: closed.get(m) ?? 0, complaints: complaints.get(m) ?? 0 });
  const n = (v: number | null | undefined) => v ?? 0;
  return {
    today,
    findings: { total: n(f.total), unfinished: n(f.unfinished), overdue: n(f.overdue), closed: n(f.closed), reopened: n(f.reopened), recheckDue: n(f.recheckDue), byState },
    complaints: { open: n(c.open), overdue: n(c.overdue), dueSoon: n(c.dueSoon), thisYear: n(c.thisYear) },
    cases: { open: n(k.open), publicityOverdue: n(k.publicityOverdue), penaltyTotal: n(k.penaltyTotal) },
    byTown: sliceBy(db, today, "coalesce(f.town_code, '')", "coalesce(r.name, '未定镇街')", 'LEFT JOIN regions r ON r.code = f.town_code'),
    byWatershed: sliceBy(db, today, "coalesce(coalesce(e.watershed_id, o.watershed_id), '')", "coalesce(w.name, '未定流域')",
      `LEFT JOIN enterprises e ON f.target_kind = 'enterprise' AND e.id = f.target_id LEFT JOIN outfalls o ON f.target_kind = 'outfall' AND o.id = f.target_id
       LEFT JOIN watersheds w ON w.id = coalesce(e.watershed_id, o.watershed_id)`),
    byIndustry: sliceBy(db, today, "coalesce(substr(e.industry_code, 1, 1), '')", "coalesce(substr(e.industry_code, 1, 1), '')",
      "LEFT JOIN enterprises e ON f.target_kind = 'enterprise' AND e.id = f.target_id").map((s) => ({ ...s, label: s.key ? `${s.key} ${INDUSTRY_SECTIONS[s.key] ?? ''}`.trim() : '非企业（排污口、工地等）' })),
    bySource: sliceBy(db, today, 'f.source_kind', 'f.source_kind').map((s) => ({ ...s, label: FINDING_SOURCES[s.key as keyof typeof FINDING_SOURCES] ?? s.key })),
    trend,
    mineFindings: personId ? (prepared(db, `SELECT id, description, target_name AS targetName, deadline, state, (state IN (${UNFINISHED}) AND deadline < ?) AS overdue
      FROM findings WHERE responsible_person_id = ? AND state IN (${UNFINISHED}) AND deleted_at IS NULL ORDER BY deadline LIMIT 20`).all(today, personId) as { overdue: number }[]).map((r) => ({ ...r, overdue: r.overdue === 1 })) as Dashboard['mine']['findings'] : [],
  };
}
