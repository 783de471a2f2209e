import { CASE_STATE_LABELS, type CaseState } from '../../shared/case/fold';
import { COMPLAINT_STATE_LABELS, type ComplaintResult, type ComplaintState } from '../../shared/complaint/fold';
import type { LedgerSource } from '../../shared/ledger/spec';
import { TASK_INSPECTION } from '../store/plans';
import { whereBuilder } from '../store/search';
import { period, towns, type LedgerFilters, type Query } from './ledger-query';

/** Live rows of `alias` in the chosen towns and period. */
function common(w: ReturnType<typeof whereBuilder>, alias: string, dateColumn: string, f: LedgerFilters) {
  w.add(`${alias}.deleted_at IS NULL`);
  towns(w, `${alias}.town_code`, f.townCodes);
  period(w, dateColumn, f);
}

/** 办理结果 as the ledger writes it: 办结；责令整改；立案处罚 30,000 元；约谈；问责 1 人. */
export function resultText(raw: string | null): string {
  if (!raw) return '';
  const r = JSON.parse(raw) as ComplaintResult;
  return [r.outcome, r.rectification && '责令整改', r.penaltyAmount && `立案处罚 ${r.penaltyAmount.toLocaleString('zh-CN')} 元`, r.interview && '约谈', r.accountablePeople > 0 && `问责 ${r.accountablePeople} 人`].filter(Boolean).join('；');
}

const lastEvent = (stream: string, alias: string, kind: string, what: string) =>
  `(SELECT ${what} FROM record_events ev WHERE ev.stream = '${stream}' AND ev.stream_id = ${alias}.id AND ev.kind = '${kind}' AND ev.deleted_at IS NULL ORDER BY ev.hlc DESC LIMIT 1)`;

/** The rows of the closed-loop ledgers: complaints, cases and the 双随机 results for publication. */
export function loopQuery(source: LedgerSource, f: LedgerFilters): Query | null {
  const w = whereBuilder();
  const today = f.today ?? new Date().toISOString().slice(0, 10);
  switch (source) {
    case 'complaints': {
      common(w, 'c', 'c.received_at', f);
      if (f.type) w.add('EXISTS (SELECT 1 FROM json_each(c.categories) j WHERE j.value = ?)', f.type);
      if (f.state === '办理中') w.add("c.state IN ('received', 'accepted', 'staged')");
      else if (f.state === '已办结') w.add("c.state IN ('concluded', 'rejected')");
      return {
        sql: `SELECT c.number, c.channel, c.received_at AS receivedAt, c.complainant_name AS complainantName, c.content, c.categories, t.name AS townName,
          c.target_name AS targetName, c.state, c.accept_by AS acceptBy, c.complete_by AS completeBy, c.concluded_at AS closedAt,
          ${lastEvent('complaint', 'c', 'verified', 'ev.text')} AS verification, ${lastEvent('complaint', 'c', 'concluded', "json_extract(ev.data, '$.result')")} AS result,
          ${lastEvent('complaint', 'c', 'replied', 'ev.text')} AS reply, ${lastEvent('complaint', 'c', 'rejected', 'ev.text')} AS rejected
          FROM complaints c LEFT JOIN regions t ON t.code = c.town_code ${w.sql} ORDER BY c.received_at, c.id`,
        count: `SELECT count(*) AS n FROM complaints c ${w.sql}`,
        params: w.params,
        map: (r) => {
          const due = (r.completeBy ?? r.acceptBy) as string;
          const late = (r.state === 'received' && (r.acceptBy as string) < today) || (r.state === 'accepted' && (r.completeBy as string) < today)
            || (r.closedAt !== null && r.completeBy !== null && (r.closedAt as string) > (r.completeBy as string));
          const name = (r.complainantName as string) || '匿名';
          return {
            ...r, complainant: f.revealComplainants ? name : name === '匿名' ? name : `${name.slice(0, 1)}**`,
            categories: (JSON.parse(r.categories as string) as string[]).join('、'), dueAt: due,
            outcome: r.state === 'rejected' ? `不予受理：${r.rejected as string}` : resultText(r.result as string | null) || COMPLAINT_STATE_LABELS[r.state as ComplaintState],
            overdue: late ? '是' : '否',
          };
        },
      };
    }
    case 'cases': {
      common(w, 'c', 'c.opened_at', f);
      if (f.state) w.add(`c.state = ?`, Object.entries(CASE_STATE_LABELS).find(([, l]) => l === f.state)?.[0] ?? f.state);
      return {
        sql: `SELECT c.filed_number AS caseNo, coalesce(c.filed_at, c.opened_at) AS openedAt, c.party AS partyName, c.uscc AS partyUscc, c.facts AS violation,
          c.legal_basis AS legalBasis, c.decision_number AS decisionNo, c.penalty_amount AS amount, c.decided_at AS decidedAt, c.transferred_at AS transferredAt,
          c.published_at AS publishedAt, c.publish_by AS publishDue, c.state
          FROM cases c ${w.sql} ORDER BY c.opened_at, c.id`,
        count: `SELECT count(*) AS n FROM cases c ${w.sql}`,
        params: w.params,
        map: (r) => ({ ...r, fine: r.amount === null ? null : Number(r.amount) / 10000, transferred: r.transferredAt ? '是' : '否', state: CASE_STATE_LABELS[r.state as CaseState] }),
      };
    }
    case 'plans': {
      w.add("p.state = 'released'");
      common(w, 't', 'p.period_from', f);
      return {
        sql: `WITH x AS (SELECT p.matter, t.target_name AS targetName, e.uscc AS targetUscc, p.released_at AS releasedAt, t.order_no, p.period_from,
            (SELECT group_concat(pe.name, '、') FROM json_each(t.inspector_ids) j JOIN people pe ON pe.id = j.value) AS officers,
            ${TASK_INSPECTION} AS inspectionId
            FROM plan_tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN enterprises e ON e.id = t.target_id ${w.sql})
          SELECT x.*, i.started_at AS checkedAt, i.failing_count AS failing, (SELECT count(*) FROM findings f WHERE f.source_id = i.id AND f.deleted_at IS NULL) AS raised
          FROM x LEFT JOIN inspections i ON i.id = x.inspectionId ORDER BY x.period_from, x.order_no`,
        count: `SELECT count(*) AS n FROM plan_tasks t JOIN plans p ON p.id = t.plan_id ${w.sql}`,
        params: w.params,
        map: (r) => ({
          ...r, result: r.inspectionId ? (r.failing ? `发现问题 ${r.failing as number} 项` : '未发现问题') : '尚未检查',
          handling: r.inspectionId ? (r.raised ? `责令整改 ${r.raised as number} 项` : '无') : '', publishedAt: r.inspectionId ? today : null,
        }),
      };
    }
    default:
      return null;
  }
}
