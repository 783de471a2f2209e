import type { Database } from 'better-sqlite3';
import { CASE_STATE_LABELS } from '../../shared/case/fold';
import type { LedgerSource } from '../../shared/ledger/spec';
import { TASK_INSPECTION } from './plans';
import { whereBuilder } from './search';
import { prepared } from './statements';

/** What a ledger is asked for: a period (yyyy-mm-dd, inclusive), towns, a watershed, a type, a state. */
export type LedgerFilters = {
  from?: string; to?: string; townCodes?: string[]; watershedId?: string; type?: string; state?: string;
  /** Complainants' names in full (only for people with the right, 信访人信息保密). */
  revealComplainants?: boolean;
  /** The workspace's working-day calendar (公示 within 20 working days). */
  calendar?: { holidays: string[]; workdays: string[] };
  /** Phone numbers in full (a role allowed to; others get them masked). */
  revealPersonal?: boolean;
  /** Today for 是否超期 (simulated in rehearsals). */
  today?: string;
};

export type LedgerRow = Record<string, unknown>;
/** A ledger's rows; `count` counts them from the main table alone (the filters only name its columns). */
type Query = { sql: string; count: string; params: unknown[] };
type Where = ReturnType<typeof whereBuilder>;

const KIND_OF_LABEL: Record<string, string> = { 排污单位: 'enterprise', 入河排污口: 'outfall', 其他场所: 'site' };
const STATE_OF_LABEL: Record<string, string> = { 已定稿: 'finalized', 已被更正: 'superseded', 草稿: 'draft' };

/** Rows in the chosen towns. */
function towns(w: Where, column: string, codes?: string[]): void {
  if (codes?.length) w.add(`${column} IN (${codes.map(() => '?').join(', ')})`, ...codes);
}

/** Rows whose date (or date-time) column falls in the period, both ends inclusive. */
function period(w: Where, column: string, f: LedgerFilters): void {
  if (f.from) w.add(`${column} >= ?`, f.from);
  if (f.to) w.add(`${column} < ?`, `${f.to}T99`);
}

/** Live rows of `alias` in the chosen towns and period. */
function common(w: Where, alias: string, dateColumn: string, f: LedgerFilters) {
  w.add(`${alias}.deleted_at IS NULL`);
  towns(w, `${alias}.town_code`, f.townCodes);
  period(w, dateColumn, f);
}

const lastEvent = (stream: string, alias: string, kind: string, what: string) =>
  `(SELECT ${what} FROM record_events ev WHERE ev.stream = '${stream}' AND ev.stream_id = ${alias}.id AND ev.kind = '${kind}' AND ev.deleted_at IS NULL ORDER BY ev.hlc DESC LIMIT 1)`;

/** The SQL of one ledger: its columns as the sheet names them (row shaping is the ledger service's). */
function query(source: LedgerSource, f: LedgerFilters): Query | null {
  const w = whereBuilder();
  const q = (table: string, sql: string): Query => ({ sql, count: `SELECT count(*) AS n FROM ${table} ${w.sql}`, params: w.params });
  switch (source) {
    case 'enterprises':
      w.add('e.deleted_at IS NULL');
      towns(w, 'e.town_code', f.townCodes);
      if (f.watershedId) w.add('e.watershed_id = ?', f.watershedId);
      if (f.type) w.add('e.permit_class = ?', f.type);
      if (f.state) w.add('e.state = ?', f.state);
      return q('enterprises e', `SELECT e.id AS __id, e.updated_at AS __updatedAt, e.name, e.uscc, e.industry_code AS industryCode, e.permit_class AS permitClass, e.key_unit AS keyUnit, t.name AS townName,
          v.name AS villageName, e.address, e.lon, e.lat, ws.name AS watershedName, e.state, e.legal_representative AS legalRepresentative,
          e.contact_name AS contactName, e.contact_phone AS contactPhone, e.note
          FROM enterprises e JOIN regions t ON t.code = e.town_code LEFT JOIN regions v ON v.code = e.village_code
          LEFT JOIN watersheds ws ON ws.id = e.watershed_id ${w.sql} ORDER BY e.town_code, e.name_key`);
    case 'outfalls':
      w.add('o.deleted_at IS NULL');
      towns(w, 'o.town_code', f.townCodes);
      if (f.watershedId) w.add('o.watershed_id = ?', f.watershedId);
      if (f.type) w.add('o.type = ?', f.type);
      if (f.state) w.add('o.remediation_state = ?', f.state);
      return q('outfalls o', `SELECT o.id AS __id, o.updated_at AS __updatedAt, o.name, o.code, o.type, o.sub_type AS subType, t.name AS townName, v.name AS villageName, o.lon, o.lat,
          b.name AS waterBodyName, ws.name AS watershedName, o.entry_mode AS entryMode, o.discharge_pattern AS dischargePattern,
          e.name AS enterpriseName, o.approval_state AS approvalState, o.sign_state AS signState,
          o.remediation_category AS remediationCategory, o.remediation_state AS remediationState,
          o.nearest_section AS nearestSection, o.section_distance_km AS sectionDistanceKm, o.note
          FROM outfalls o JOIN regions t ON t.code = o.town_code LEFT JOIN regions v ON v.code = o.village_code
          LEFT JOIN water_bodies b ON b.id = o.water_body_id LEFT JOIN watersheds ws ON ws.id = o.watershed_id
          LEFT JOIN enterprises e ON e.id = o.enterprise_id ${w.sql} ORDER BY o.town_code, o.name_key`);
    case 'inspections':
      w.add('i.deleted_at IS NULL');
      towns(w, 'i.town_code', f.townCodes);
      period(w, 'i.started_at', f);
      if (f.type) w.add('i.target_kind = ?', KIND_OF_LABEL[f.type] ?? f.type);
      w.add('i.state = ?', STATE_OF_LABEL[f.state ?? ''] ?? f.state ?? 'finalized');
      return q('inspections i', `SELECT i.started_at AS startedAt, i.target_name AS targetName, i.target_kind AS targetKind, i.town_name AS townName,
          t.name AS templateName, i.officers, i.recorder, i.failing_count AS failingCount, i.state, i.sha256,
          (SELECT group_concat(f.description, '；') FROM findings f WHERE f.source_id = i.id AND f.deleted_at IS NULL) AS findings
          FROM inspections i JOIN checklist_templates t ON t.id = i.template_id ${w.sql} ORDER BY i.started_at, i.id`);
    case 'findings':
      w.add('f.deleted_at IS NULL');
      towns(w, 'f.town_code', f.townCodes);
      period(w, 'f.found_at', f);
      if (f.state === '已销号') w.add("f.state = 'closed'");
      else if (f.state === '整改中') w.add("f.state <> 'closed'");
      else if (f.state === '超期') w.add("f.state IN ('open', 'rectifying', 'submitted', 'rechecked', 'reopened') AND f.deadline < ?", f.today ?? new Date().toISOString().slice(0, 10));
      return q('findings f', `SELECT f.id, f.found_at AS foundAt, f.source_kind AS sourceKind, f.description, t.name AS townName, f.target_name AS targetName,
          f.responsible_unit AS responsibleUnit, f.responsible_person AS responsiblePerson, f.measures, f.deadline, f.state,
          f.number, f.goal, f.partner_units AS partnerUnits, f.leader, f.progress, f.closed_at AS closedAt, f.accepted_at AS acceptedAt,
          f.accepted_by AS acceptedBy, f.notice_from AS noticeFrom, f.notice_to AS noticeTo, f.reopen_count AS reopenCount,
          (SELECT count(*) FROM inspection_photos ph WHERE ph.inspection_id = f.source_id) AS photos,
          (SELECT coalesce(sum(json_array_length(ev.blobs)), 0) FROM record_events ev WHERE ev.stream = 'finding' AND ev.stream_id = f.id) AS files
          FROM findings f LEFT JOIN regions t ON t.code = f.town_code ${w.sql} ORDER BY f.found_at, f.id`);
    case 'complaints':
      common(w, 'c', 'c.received_at', f);
      if (f.type) w.add('EXISTS (SELECT 1 FROM json_each(c.categories) j WHERE j.value = ?)', f.type);
      if (f.state === '办理中') w.add("c.state IN ('received', 'accepted', 'staged')");
      else if (f.state === '已办结') w.add("c.state IN ('concluded', 'rejected')");
      return q('complaints c', `SELECT c.number, c.channel, c.received_at AS receivedAt, c.complainant_name AS complainantName, c.content, c.categories, t.name AS townName,
          c.target_name AS targetName, c.state, c.accept_by AS acceptBy, c.complete_by AS completeBy, c.concluded_at AS closedAt,
          ${lastEvent('complaint', 'c', 'verified', 'ev.text')} AS verification, ${lastEvent('complaint', 'c', 'concluded', "json_extract(ev.data, '$.result')")} AS result,
          ${lastEvent('complaint', 'c', 'replied', 'ev.text')} AS reply, ${lastEvent('complaint', 'c', 'rejected', 'ev.text')} AS rejected
          FROM complaints c LEFT JOIN regions t ON t.code = c.town_code ${w.sql} ORDER BY c.received_at, c.id`);
    case 'cases':
      common(w, 'c', 'c.opened_at', f);
      if (f.state) w.add(`c.state = ?`, Object.entries(CASE_STATE_LABELS).find(([, l]) => l === f.state)?.[0] ?? f.state);
      return q('cases c', `SELECT c.filed_number AS caseNo, coalesce(c.filed_at, c.opened_at) AS openedAt, c.party AS partyName, c.uscc AS partyUscc, c.facts AS violation,
          c.legal_basis AS legalBasis, c.decision_number AS decisionNo, c.penalty_amount AS amount, c.decided_at AS decidedAt, c.transferred_at AS transferredAt,
          c.published_at AS publishedAt, c.publish_by AS publishDue, c.state
          FROM cases c ${w.sql} ORDER BY c.opened_at, c.id`);
    case 'plans':
      w.add("p.state = 'released'");
      common(w, 't', 'p.period_from', f);
      return q('plan_tasks t JOIN plans p ON p.id = t.plan_id', `WITH x AS (SELECT p.matter, t.target_name AS targetName, e.uscc AS targetUscc, p.released_at AS releasedAt, t.order_no, p.period_from,
            t.category, t.published_at AS publishedAt,
            (SELECT group_concat(pe.name, '、') FROM json_each(t.inspector_ids) j JOIN people pe ON pe.id = j.value) AS officers,
            ${TASK_INSPECTION} AS inspectionId
            FROM plan_tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN enterprises e ON e.id = t.target_id ${w.sql})
          SELECT x.*, i.started_at AS checkedAt, i.failing_count AS failing, (SELECT count(*) FROM findings f WHERE f.source_id = i.id AND f.deleted_at IS NULL) AS raised
          FROM x LEFT JOIN inspections i ON i.id = x.inspectionId ORDER BY x.period_from, x.order_no`);
    default:
      return null;
  }
}

/** How many rows a ledger has for these filters. */
export function countLedgerRows(db: Database, source: LedgerSource, f: LedgerFilters): number {
  const q = query(source, f);
  if (!q) return 0;
  return (prepared(db, q.count).get(...q.params) as { n: number }).n;
}

/** A ledger's rows as stored, streamed from SQLite one at a time (bounded memory for any size). */
export function* storedLedgerRows(db: Database, source: LedgerSource, f: LedgerFilters, limit?: number): Generator<LedgerRow> {
  const q = query(source, f);
  if (!q) return;
  // Its own statement, not the cache's: a statement is busy while it is iterated.
  const stmt = db.prepare(limit === undefined ? q.sql : `${q.sql} LIMIT ${Math.max(0, Math.floor(limit))}`);
  yield* stmt.iterate(...q.params) as Iterable<LedgerRow>;
}
