import { maskPhone } from '../../../shared/auth/mask';
import type { Database } from 'better-sqlite3';
import { publicationOf } from '../../../shared/plan/publication';
import { FINDING_SOURCES } from '../../../shared/api/findings';
import { CASE_STATE_LABELS, type CaseState } from '../../../shared/case/fold';
import { COMPLAINT_STATE_LABELS, type ComplaintResult, type ComplaintState } from '../../../shared/complaint/fold';
import { industryName } from '../../../shared/domain/industry';
import { TARGET_KIND_LABELS, INSPECTION_STATE_LABELS } from '../../../shared/inspection/notice';
import type { LedgerSource } from '../../../shared/ledger/spec';
import { findingNoOf, overdueDays } from '../../../shared/finding/numbering';
import { UNFINISHED_STATES } from '../../../shared/finding/states';

const UNFINISHED = new Set<string>(UNFINISHED_STATES);
import { countLedgerRows, storedLedgerRows, type LedgerFilters, type LedgerRow } from '../../store/ledger-queries';

export type { LedgerFilters, LedgerRow } from '../../store/ledger-queries';

const SOURCE_LABELS: Record<string, string> = FINDING_SOURCES;

/** 办理结果 as the ledger writes it: 办结；责令整改；立案处罚 30,000 元；约谈；问责 1 人. */
export function resultText(raw: string | null): string {
  if (!raw) return '';
  const r = JSON.parse(raw) as ComplaintResult;
  return [r.outcome, r.rectification && '责令整改', r.penaltyAmount && `立案处罚 ${r.penaltyAmount.toLocaleString('zh-CN')} 元`, r.interview && '约谈', r.accountablePeople > 0 && `问责 ${r.accountablePeople} 人`].filter(Boolean).join('；');
}

type Shape = (r: LedgerRow, f: LedgerFilters, today: string) => LedgerRow;

/** How a stored row reads in the sheet: labels for codes, names masked, 是否超期 worked out. */
const SHAPES: Partial<Record<LedgerSource, Shape>> = {
  enterprises: (r, f) => ({
    ...r, keyUnit: r.keyUnit === 1, industryName: r.industryCode ? industryName(r.industryCode as string) : '',
    contactPhone: f.revealPersonal ? r.contactPhone : maskPhone((r.contactPhone as string | null) ?? ''),
  }),
  inspections: (r) => ({
    ...r, targetKind: TARGET_KIND_LABELS[r.targetKind as string], state: INSPECTION_STATE_LABELS[r.state as string],
    officers: (JSON.parse(r.officers as string) as { name: string; certificateNo: string | null }[]).map((o) => `${o.name}（${o.certificateNo ?? '—'}）`).join('、'),
    recorder: r.recorder ? (JSON.parse(r.recorder as string) as { name: string }).name : '',
    recordNo: r.sha256 ? (r.sha256 as string).slice(0, 12) : '',
  }),
  findings: (r, _f, today) => ({
    ...r, findingNo: findingNoOf({ number: r.number as string | null, foundAt: r.foundAt as string, id: r.id as string }),
    overdueDays: UNFINISHED.has(r.state as string) ? overdueDays(r.deadline as string, today) : 0,
    isOverdue: UNFINISHED.has(r.state as string) && overdueDays(r.deadline as string, today) > 0 ? '是' : '否',
    sourceLabel: SOURCE_LABELS[r.sourceKind as string] ?? r.sourceKind, done: r.state === 'closed' ? '是' : '否',
    progress: [r.progress, (r.reopenCount as number) > 0 && `反弹 ${r.reopenCount as number} 次`].filter(Boolean).join('；'),
    evidence: [(r.photos as number) > 0 && `检查照片 ${r.photos as number} 张`, (r.files as number) > 0 && `整改佐证 ${r.files as number} 份`].filter(Boolean).join('；'),
  }),
  complaints: (r, _f, today) => {
    const due = (r.completeBy ?? r.acceptBy) as string;
    const late = (r.state === 'received' && (r.acceptBy as string) < today) || (r.state === 'accepted' && (r.completeBy as string) < today)
      || (r.closedAt !== null && r.completeBy !== null && (r.closedAt as string) > (r.completeBy as string));
    // The complaint ledger never carries a complainant's name or phone, whoever exports it (issue 19; the
    // 信访工作条例 (2022) protects a complainant's identity — DOMAIN.md): only whether one was given.
    const named = Boolean(r.complainantName) && r.complainantName !== '匿名';
    return {
      ...r, complainant: named ? '实名（姓名不导出）' : '匿名',
      categories: (JSON.parse(r.categories as string) as string[]).join('、'), dueAt: due,
      outcome: r.state === 'rejected' ? `不予受理：${r.rejected as string}` : resultText(r.result as string | null) || COMPLAINT_STATE_LABELS[r.state as ComplaintState],
      overdue: late ? '是' : '否',
    };
  },
  cases: (r) => ({ ...r, fine: r.amount === null ? null : Number(r.amount) / 10000, transferred: r.transferredAt ? '是' : '否', state: CASE_STATE_LABELS[r.state as CaseState] }),
  plans: (r, f, today) => {
    // 公示日期 is the day the result was published, as recorded (plans.publish) — never the export date (issue 19).
    const p = publicationOf((r.checkedAt as string | null) ?? null, (r.publishedAt as string | null) ?? null, today, f.calendar ?? { holidays: [], workdays: [] });
    return {
      ...r, result: r.inspectionId ? (r.failing ? `发现问题 ${r.failing as number} 项` : '未发现问题') : '尚未检查',
      handling: r.inspectionId ? (r.raised ? `责令整改 ${r.raised as number} 项` : '无') : '',
      publication: p.state === '待公示' || p.state === '逾期未公示' ? `${p.state}（应于 ${p.due} 前）` : p.state,
    };
  },
};

/** How many rows a ledger has for these filters. */
export function countRows(db: Database, source: LedgerSource, f: LedgerFilters): number {
  return countLedgerRows(db, source, f);
}

/** The rows of a ledger as the sheet writes them, streamed from SQLite one at a time (bounded memory for any size). */
export function* ledgerRows(db: Database, source: LedgerSource, f: LedgerFilters, limit?: number): Generator<LedgerRow> {
  const shape = SHAPES[source];
  const today = f.today ?? new Date().toISOString().slice(0, 10);
  for (const r of storedLedgerRows(db, source, f, limit)) yield shape ? shape(r, f, today) : r;
}
