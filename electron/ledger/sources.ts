import type { Database } from 'better-sqlite3';
import { FINDING_SOURCES } from '../../shared/api/findings';
import { industryName } from '../../shared/domain/industry';
import { TARGET_KIND_LABELS, INSPECTION_STATE_LABELS } from '../../shared/inspection/notice';
import type { LedgerSource } from '../../shared/ledger/spec';
import { whereBuilder } from '../store/search';
import { period, towns, type LedgerFilters, type LedgerRow, type Query } from './ledger-query';
import { loopQuery } from './loop-sources';
import { prepared } from '../store/statements';

export type { LedgerFilters, LedgerRow } from './ledger-query';

const KIND_OF_LABEL: Record<string, string> = { 排污单位: 'enterprise', 入河排污口: 'outfall', 其他场所: 'site' };
const STATE_OF_LABEL: Record<string, string> = { 已定稿: 'finalized', 已被更正: 'superseded', 草稿: 'draft' };
const SOURCE_LABELS: Record<string, string> = FINDING_SOURCES;

function query(source: LedgerSource, f: LedgerFilters): Query | null {
  const w = whereBuilder();
  switch (source) {
    case 'enterprises': {
      w.add('e.deleted_at IS NULL');
      towns(w, 'e.town_code', f.townCodes);
      if (f.watershedId) w.add('e.watershed_id = ?', f.watershedId);
      if (f.type) w.add('e.permit_class = ?', f.type);
      if (f.state) w.add('e.state = ?', f.state);
      return {
        sql: `SELECT e.name, e.uscc, e.industry_code AS industryCode, e.permit_class AS permitClass, e.key_unit AS keyUnit, t.name AS townName,
          v.name AS villageName, e.address, e.lon, e.lat, ws.name AS watershedName, e.state, e.legal_representative AS legalRepresentative,
          e.contact_name AS contactName, e.contact_phone AS contactPhone, e.note
          FROM enterprises e JOIN regions t ON t.code = e.town_code LEFT JOIN regions v ON v.code = e.village_code
          LEFT JOIN watersheds ws ON ws.id = e.watershed_id ${w.sql} ORDER BY e.town_code, e.name_key`,
        count: `SELECT count(*) AS n FROM enterprises e ${w.sql}`,
        params: w.params,
        map: (r) => ({ ...r, keyUnit: r.keyUnit === 1, industryName: r.industryCode ? industryName(r.industryCode as string) : '' }),
      };
    }
    case 'outfalls': {
      w.add('o.deleted_at IS NULL');
      towns(w, 'o.town_code', f.townCodes);
      if (f.watershedId) w.add('o.watershed_id = ?', f.watershedId);
      if (f.type) w.add('o.type = ?', f.type);
      if (f.state) w.add('o.remediation_state = ?', f.state);
      return {
        sql: `SELECT o.name, o.code, o.type, o.sub_type AS subType, t.name AS townName, v.name AS villageName, o.lon, o.lat,
          b.name AS waterBodyName, ws.name AS watershedName, o.entry_mode AS entryMode, o.discharge_pattern AS dischargePattern,
          e.name AS enterpriseName, o.approval_state AS approvalState, o.sign_state AS signState,
          o.remediation_category AS remediationCategory, o.remediation_state AS remediationState,
          o.nearest_section AS nearestSection, o.section_distance_km AS sectionDistanceKm, o.note
          FROM outfalls o JOIN regions t ON t.code = o.town_code LEFT JOIN regions v ON v.code = o.village_code
          LEFT JOIN water_bodies b ON b.id = o.water_body_id LEFT JOIN watersheds ws ON ws.id = o.watershed_id
          LEFT JOIN enterprises e ON e.id = o.enterprise_id ${w.sql} ORDER BY o.town_code, o.name_key`,
        count: `SELECT count(*) AS n FROM outfalls o ${w.sql}`,
        params: w.params,
      };
    }
    case 'inspections': {
      w.add('i.deleted_at IS NULL');
      towns(w, 'i.town_code', f.townCodes);
      period(w, 'i.started_at', f);
      if (f.type) w.add('i.target_kind = ?', KIND_OF_LABEL[f.type] ?? f.type);
      w.add('i.state = ?', STATE_OF_LABEL[f.state ?? ''] ?? f.state ?? 'finalized');
      return {
        sql: `SELECT i.started_at AS startedAt, i.target_name AS targetName, i.target_kind AS targetKind, i.town_name AS townName,
          t.name AS templateName, i.officers, i.recorder, i.failing_count AS failingCount, i.state, i.sha256,
          (SELECT group_concat(f.description, '；') FROM findings f WHERE f.source_id = i.id AND f.deleted_at IS NULL) AS findings
          FROM inspections i JOIN checklist_templates t ON t.id = i.template_id ${w.sql} ORDER BY i.started_at, i.id`,
        count: `SELECT count(*) AS n FROM inspections i ${w.sql}`,
        params: w.params,
        map: (r) => ({
          ...r, targetKind: TARGET_KIND_LABELS[r.targetKind as string], state: INSPECTION_STATE_LABELS[r.state as string],
          officers: (JSON.parse(r.officers as string) as { name: string; certificateNo: string | null }[]).map((o) => `${o.name}（${o.certificateNo ?? '—'}）`).join('、'),
          recorder: r.recorder ? (JSON.parse(r.recorder as string) as { name: string }).name : '',
          recordNo: r.sha256 ? (r.sha256 as string).slice(0, 12) : '',
        }),
      };
    }
    case 'findings': {
      w.add('f.deleted_at IS NULL');
      towns(w, 'f.town_code', f.townCodes);
      period(w, 'f.found_at', f);
      if (f.state === '已销号') w.add("f.state = 'closed'");
      else if (f.state === '整改中') w.add("f.state <> 'closed'");
      else if (f.state === '超期') w.add("f.state IN ('open', 'rectifying', 'submitted', 'rechecked', 'reopened') AND f.deadline < ?", f.today ?? new Date().toISOString().slice(0, 10));
      return {
        sql: `SELECT f.id, f.found_at AS foundAt, f.source_kind AS sourceKind, f.description, t.name AS townName, f.target_name AS targetName,
          f.responsible_unit AS responsibleUnit, f.responsible_person AS responsiblePerson, f.measures, f.deadline, f.state,
          f.number, f.goal, f.partner_units AS partnerUnits, f.leader, f.progress, f.closed_at AS closedAt, f.accepted_at AS acceptedAt,
          f.accepted_by AS acceptedBy, f.notice_from AS noticeFrom, f.notice_to AS noticeTo, f.reopen_count AS reopenCount,
          (SELECT count(*) FROM inspection_photos ph WHERE ph.inspection_id = f.source_id) AS photos,
          (SELECT coalesce(sum(json_array_length(ev.blobs)), 0) FROM record_events ev WHERE ev.stream = 'finding' AND ev.stream_id = f.id) AS files
          FROM findings f LEFT JOIN regions t ON t.code = f.town_code ${w.sql} ORDER BY f.found_at, f.id`,
        count: `SELECT count(*) AS n FROM findings f ${w.sql}`,
        params: w.params,
        map: (r) => ({
          ...r, findingNo: (r.number as string | null) ?? `${(r.foundAt as string).slice(0, 4)}-${(r.id as string).slice(-6).toUpperCase()}`,
          sourceLabel: SOURCE_LABELS[r.sourceKind as string] ?? r.sourceKind, done: r.state === 'closed' ? '是' : '否',
          progress: [r.progress, (r.reopenCount as number) > 0 && `反弹 ${r.reopenCount as number} 次`].filter(Boolean).join('；'),
          evidence: [(r.photos as number) > 0 && `检查照片 ${r.photos as number} 张`, (r.files as number) > 0 && `整改佐证 ${r.files as number} 份`].filter(Boolean).join('；'),
        }),
      };
    }
    default:
      return loopQuery(source, f);
  }
}


/** How many rows a ledger has for these filters. */
export function countRows(db: Database, source: LedgerSource, f: LedgerFilters): number {
  const q = query(source, f);
  if (!q) return 0;
  return (prepared(db, q.count).get(...q.params) as { n: number }).n;
}

/** The rows of a ledger, streamed from SQLite one at a time (bounded memory for any size). */
export function* ledgerRows(db: Database, source: LedgerSource, f: LedgerFilters, limit?: number): Generator<LedgerRow> {
  const q = query(source, f);
  if (!q) return;
  const stmt = db.prepare(limit === undefined ? q.sql : `${q.sql} LIMIT ${Math.max(0, Math.floor(limit))}`);
  for (const r of stmt.iterate(...q.params) as Iterable<LedgerRow>) yield q.map ? q.map(r) : r;
}
