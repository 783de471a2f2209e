import type { CaseFold } from '../../shared/case/fold';
import type { EnforcementDocument } from '../../shared/enforcement/document';
import { NUMBERED_KINDS, type DocumentKind } from '../../shared/enforcement/kinds';
import { getFinding } from '../store/findings';
import { getInspectionRow, photosOf } from '../store/inspections';
import { readSettings } from '../store/settings';
import type { RecordEvent } from '../../shared/events/event';
import { nowMinute, today } from './clock';
import type { ServiceContext } from './context';
import { defaultRemedies, nextNumber } from './case-documents';

type Source = { inspectionId: string | null; legalBasis: string; measures: string; deadline: string | null };

/** What the case came from: the finding's provisions, measures and deadline; the inspection behind it. */
function sourceOf(ctx: ServiceContext, row: Record<string, unknown>): Source {
  const none: Source = { inspectionId: row.source_kind === 'inspection' ? (row.source_id as string) : null, legalBasis: '', measures: '', deadline: null };
  if (row.source_kind !== 'finding' || !row.source_id) return none;
  const f = getFinding(ctx.store.db, row.source_id as string, today());
  if (!f) return none;
  return { inspectionId: f.sourceKind === 'inspection' ? f.sourceId : null, legalBasis: f.legalBasis, measures: f.measures, deadline: f.deadline };
}

/** The evidence a signed 笔录 and its photos give, as a decision lists it (never more than the record holds). */
function evidenceOf(ctx: ServiceContext, inspectionId: string | null): { text: string; officerIds: string[] } {
  const i = inspectionId ? getInspectionRow(ctx.store.db, inspectionId) : null;
  if (!i || !i.sha256) return { text: '', officerIds: [] };
  const photos = photosOf(ctx.store.db, i.id).length;
  const day = (i.startedAt ?? '').slice(0, 10);
  return { text: `${day} 现场检查（勘察）笔录一份${photos ? `，现场照片 ${photos} 张` : ''}`, officerIds: i.officers.map((o) => o.personId) };
}

/**
 * A new document's starting values, taken only from what the case file holds (the case, its source
 * finding and signed 笔录, the 告知书 and the party's statement) and the bureau's settings — a value
 * nobody gave is left empty, never made up.
 */
export function documentDraft(ctx: ServiceContext, row: Record<string, unknown>, kind: DocumentKind, fold: CaseFold, events: readonly RecordEvent[]) {
  const s = readSettings(ctx.store.db);
  const src = sourceOf(ctx, row);
  const ev = evidenceOf(ctx, src.inspectionId);
  const common = { kind, officerIds: ev.officerIds, facts: row.facts as string, evidence: ev.text, violated: src.legalBasis };
  // The case's log as folded (flags on): the latest 告知书 in effect, the statement in effect.
  const notice = events.filter((e) => e.kind === 'document' && !e.flag && e.data.kind === 'notice').at(-1);
  const noticeFields = notice ? (JSON.parse(notice.data.canonical as string) as EnforcementDocument).fields : null;
  let fields: Record<string, unknown>;
  switch (kind) {
    case 'inquiry':
      fields = { kind, startedAt: nowMinute(), endedAt: '', place: row.address as string, officerIds: ev.officerIds, recorderId: null,
        interviewee: { name: '', gender: '', idNumber: '', post: '', phone: '', address: '', relation: '' }, recusal: '', qa: [{ q: '', a: '' }] };
      break;
    case 'order':
      fields = { ...common, basis: '', requirement: src.measures, deadline: src.deadline ?? '' };
      break;
    case 'notice':
      fields = { ...common, penaltyBasis: '', proposed: '', amount: null, hearing: false, contact: s.contactPhone, address: '' };
      break;
    case 'penalty': {
      const n = noticeFields?.kind === 'notice' ? noticeFields : null;
      const statement = events.find((e) => e.kind === 'statement' && !e.flag);
      const review = statement
        ? `当事人于 ${statement.at.slice(0, 10)} 提出陈述申辩：${statement.text || '（放弃陈述申辩）'}`
        : fold.statementBy && fold.statementBy < today() ? `当事人在法定期限内（至 ${fold.statementBy}）未提出陈述、申辩${n?.hearing ? '和听证申请' : ''}。` : '';
      fields = { ...common, ...(n ? { facts: n.facts, evidence: n.evidence, violated: n.violated, penaltyBasis: n.penaltyBasis, penalty: n.proposed, amount: n.amount, officerIds: n.officerIds } : { penaltyBasis: '', penalty: '', amount: null }),
        statementReview: review, payTo: s.paymentAccount };
      break;
    }
  }
  const number = nextNumber(ctx, kind, today().slice(0, 4));
  return { fields, number, numberedBy: !NUMBERED_KINDS.includes(kind) ? 'none' as const : number ? 'prefix' as const : 'hand' as const, remedies: kind === 'inquiry' ? null : defaultRemedies(ctx), notice: kind === 'inquiry' ? s.inspectionNotice : '' };
}
