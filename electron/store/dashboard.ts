import type { Database } from 'better-sqlite3';
import type { Dashboard, Slice } from '../../shared/api/dashboard';
import { FINDING_SOURCES } from '../../shared/api/findings';
import { addDays } from '../../shared/domain/calendar';
import { INDUSTRY_SECTIONS } from '../../shared/domain/industry';
import { UNFINISHED_STATES } from '../../shared/finding/states';
import { prepared } from './statements';

const UNFINISHED = UNFINISHED_STATES.map((s) => `'${s}'`).join(', ');

type Cell = { town: string | null; ws: string | null; ind: string | null; source: string; state: string; overdue: number; reopened: number; due: number; n: number };

/** Adds one aggregated cell to a cut's slice. */
function tally(cut: Map<string, Slice>, key: string, label: string, c: Cell): void {
  const s = cut.get(key) ?? { key, label, total: 0, unfinished: 0, overdue: 0, closed: 0 };
  s.total += c.n;
  if ((UNFINISHED_STATES as readonly string[]).includes(c.state)) s.unfinished += c.n;
  if (c.overdue) s.overdue += c.n;
  if (c.state === 'closed') s.closed += c.n;
  cut.set(key, s);
}

const sorted = (cut: Map<string, Slice>) => [...cut.values()].sort((a, b) => b.total - a.total);

/** The county's figures for the dashboard, on `today`. */
export function dashboardFigures(db: Database, today: string, personId: string | null): Omit<Dashboard, 'mine'> & { mineFindings: Dashboard['mine']['findings'] } {
  // One pass over the findings_dashboard index: every count and cut from small aggregated cells.
  const cells = prepared(db, `SELECT town_code AS town, watershed_id AS ws, industry_section AS ind, source_kind AS source, state,
    (state IN (${UNFINISHED}) AND deadline < ?) AS overdue, reopen_count > 0 AS reopened, coalesce(recheck_due <= ?, 0) AS due, count(*) AS n
    FROM findings WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`).all(today, today) as Cell[];
  const townNames = new Map((prepared(db, "SELECT code, name FROM regions WHERE level = 'town'").all() as { code: string; name: string }[]).map((r) => [r.code, r.name]));
  const wsNames = new Map((prepared(db, 'SELECT id, name FROM watersheds').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  const f = { total: 0, unfinished: 0, overdue: 0, closed: 0, reopened: 0, recheckDue: 0 };
  const byState: Record<string, number> = {};
  const cuts = { town: new Map<string, Slice>(), ws: new Map<string, Slice>(), ind: new Map<string, Slice>(), source: new Map<string, Slice>() };
  for (const c of cells) {
    f.total += c.n;
    if ((UNFINISHED_STATES as readonly string[]).includes(c.state)) f.unfinished += c.n;
    if (c.overdue) f.overdue += c.n;
    if (c.state === 'closed') f.closed += c.n;
    if (c.reopened) f.reopened += c.n;
    if (c.due) f.recheckDue += c.n;
    byState[c.state] = (byState[c.state] ?? 0) + c.n;
    tally(cuts.town, c.town ?? '', c.town ? townNames.get(c.town) ?? c.town : '未定镇街', c);
    tally(cuts.ws, c.ws ?? '', c.ws ? wsNames.get(c.ws) ?? c.ws : '未定流域', c);
    tally(cuts.ind, c.ind ?? '', c.ind ? `${c.ind} ${INDUSTRY_SECTIONS[c.ind] ?? ''}`.trim() : '非企业（排污口、工地等）', c);
    tally(cuts.source, c.source, FINDING_SOURCES[c.source as keyof typeof FINDING_SOURCES] ?? c.source, c);
  }
  const c = prepared(db, `SELECT sum(state IN ('received', 'accepted')) AS open,
    sum((state = 'received' AND accept_by < ?) OR (state = 'accepted' AND complete_by < ?)) AS overdue,
    sum((state = 'received' AND accept_by BETWEEN ? AND ?) OR (state = 'accepted' AND complete_by BETWEEN ? AND ?)) AS dueSoon,
    sum(substr(received_at, 1, 4) = ?) AS thisYear FROM complaints WHERE deleted_at IS NULL`).get(today, today, today, addDays(today, 3), today, addDays(today, 3), today.slice(0, 4)) as Record<string, number | null>;
  const k = prepared(db, `SELECT sum(state NOT IN ('closed')) AS open, sum(state = 'decided' AND publish_by < ?) AS publicityOverdue, coalesce(sum(penalty_amount), 0) AS penaltyTotal
    FROM cases WHERE deleted_at IS NULL`).get(today) as Record<string, number | null>;
  const from = `${addDays(`${today.slice(0, 7)}-01`, -334).slice(0, 7)}`;
  const raised = new Map((prepared(db, "SELECT substr(found_at, 1, 7) AS m, count(*) AS n FROM findings WHERE deleted_at IS NULL AND found_at >= ? GROUP BY 1").all(`${from}-01`) as { m: string; n: number }[]).map((r) => [r.m, r.n]));
  const closed = new Map((prepared(db, "SELECT substr(closed_at, 1, 7) AS m, count(*) AS n FROM findings WHERE closed_at >= ? AND deleted_at IS NULL GROUP BY 1").all(`${from}-01`) as { m: string; n: number }[]).map((r) => [r.m, r.n]));
  const complaints = new Map((prepared(db, "SELECT substr(received_at, 1, 7) AS m, count(*) AS n FROM complaints WHERE deleted_at IS NULL AND received_at >= ? GROUP BY 1").all(`${from}-01`) as { m: string; n: number }[]).map((r) => [r.m, r.n]));
  const trend: Dashboard['trend'] = [];
  for (let i = 0, m = from; i < 12; i++, m = addDays(`${m}-28`, 5).slice(0, 7)) trend.push({ month: m, raised: raised.get(m) ?? 0, closed: closed.get(m) ?? 0, complaints: complaints.get(m) ?? 0 });
  const n = (v: number | null | undefined) => v ?? 0;
  return {
    today,
    findings: { ...f, byState },
    complaints: { open: n(c.open), overdue: n(c.overdue), dueSoon: n(c.dueSoon), thisYear: n(c.thisYear) },
    cases: { open: n(k.open), publicityOverdue: n(k.publicityOverdue), penaltyTotal: n(k.penaltyTotal) },
    byTown: sorted(cuts.town), byWatershed: sorted(cuts.ws), byIndustry: sorted(cuts.ind), bySource: sorted(cuts.source),
    trend,
    mineFindings: personId ? (prepared(db, `SELECT id, description, target_name AS targetName, deadline, state, (state IN (${UNFINISHED}) AND deadline < ?) AS overdue
      FROM findings WHERE responsible_person_id = ? AND state IN (${UNFINISHED}) AND deleted_at IS NULL ORDER BY deadline LIMIT 20`).all(today, personId) as { overdue: number }[]).map((r) => ({ ...r, overdue: r.overdue === 1 })) as Dashboard['mine']['findings'] : [],
  };
}
