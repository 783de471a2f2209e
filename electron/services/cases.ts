import type { CaseDetail, CaseDraft } from '../../shared/api/cases';
import { DomainError, invalidFields } from '../../shared/api/result';
import { CASE_EVENT_KINDS, CASE_EVENT_LABELS, foldCase, type CaseEventKind, type CaseFold } from '../../shared/case/fold';
import type { RecordEvent } from '../../shared/events/event';
import { cacheCaseFold, getCaseRow, listCases, liveCaseIds, rowToCase, unfoldedCaseIds } from '../store/cases';
import { probeEvent } from '../../shared/events/event';
import { DOCUMENT_KINDS, DOCUMENT_TITLES, type DocumentKind } from '../../shared/enforcement/kinds';
import { buildIssued, caseDocument, caseDocumentRows, countyDocumentNumber } from './case-documents';
import { documentDraft } from './case-document-drafts';
import { getComplaintRow } from '../store/complaints';
import { getEnterprise } from '../store/enterprises';
import { CASE } from '../store/entities';
import { getFinding } from '../store/findings';
import { today } from './clock';
import { authorOf, newId, type ServiceContext } from './context';
import { allowedKinds, appendIfLegal, eventTime, flaggedEvents } from './event-log';
import { storeEvidenceFiles } from './evidence-files';
import type { Handlers } from './handlers';
import { readSettings } from '../store/settings';

function folder(ctx: ServiceContext, id: string) {
  const s = readSettings(ctx.store.db);
  const openedAt = (getCaseRow(ctx.store.db, id)?.opened_at as string | undefined) ?? null;
  return (events: RecordEvent[]) => foldCase({ holidays: s.holidays, workdays: s.workdays }, events, openedAt);
}

function mustRow(ctx: ServiceContext, id: string) {
  const row = getCaseRow(ctx.store.db, id);
  if (!row || row.deleted_at) throw new DomainError('not_found', '未找到该案件');
  return row;
}

/** Refolds a case after its log (or the calendar) changed and caches the result in its derived columns. */
export function refreshCase(ctx: ServiceContext, id: string): void {
  cacheCaseFold(ctx.store.db, id, flaggedEvents(ctx, 'case', id, folder(ctx, id)).state);
}

/** Refolds every case: the working-day calendar decides their publicity deadlines. */
export function refreshAllCases(ctx: ServiceContext): void {
  for (const id of liveCaseIds(ctx.store.db)) refreshCase(ctx, id);
}

/** Folds the cases not folded since their clocks were added (a workspace opened after migration 0210). */
export function refreshUnfoldedCases(ctx: ServiceContext): void {
  const ids = unfoldedCaseIds(ctx.store.db);
  if (ids.length) ctx.store.transaction(() => { for (const id of ids) refreshCase(ctx, id); });
}

/** A case's page: its row, its timeline with flags, the actions its state allows. */
export function caseDetail(ctx: ServiceContext, id: string): CaseDetail {
  mustRow(ctx, id);
  const fold = folder(ctx, id);
  const { events, state } = flaggedEvents(ctx, 'case', id, fold);
  // Documents are made through cases.issueDocument and penalties decided by a 处罚决定书: not offered as plain actions.
  const common = { number: '号', kind: 'other', amount: 0, approver: '负责人', days: 1, collective: true, hearingRequested: false, waived: true };
  // A 送达 names a document waiting for it; a review names its kind.
  const waiting = state.documents.find((x) => !x.served && x.kind !== 'inquiry');
  const probes: Partial<Record<CaseEventKind, Record<string, unknown>>> = {
    approved: { kind: '负责人审查', approver: '负责人' },
    served: { documentId: waiting?.id ?? '', method: '直接送达', servedAt: '2999-12-31T00:00', receiver: '签收人', relation: '本人', server: '送达人' },
  };
  const allowed = allowedKinds('case', CASE_EVENT_KINDS, events, fold, (k) => probes[k] ?? common).filter((k) => !DOCUMENT_MADE.has(k));
  // Probed today: a 决定书 is offered only once the party's time is over (not during the 陈述申辩 period).
  const documentKinds = DOCUMENT_KINDS.filter((kind) => !fold([...events, probeEvent('case', 'document', probeDocument(kind, state), today())]).flags.has('probe'));
  return { case: rowToCase(mustRow(ctx, id), today()), events, allowed, documents: caseDocumentRows(state, events), documentKinds };
}

/** Kinds only a document makes: a document itself, and the decision a 处罚决定书 records. */
const DOCUMENT_MADE = new Set<CaseEventKind>(['document']);

/** A stand-in issued document of a kind at the end of a case file (what the fold would take next). */
function probeDocument(kind: DocumentKind, s: CaseFold): Record<string, unknown> {
  const last = s.documents.at(-1);
  return { kind, number: '', canonical: '{}', sha256: '0'.repeat(64), seq: s.documents.length + 1, prev: last?.sha256 ?? null, signer: '', signerKey: '', signature: '' };
}

/** The party of a case from the enterprise a finding or complaint points at. */
function draftFrom(ctx: ServiceContext, kind: 'finding' | 'complaint', id: string): CaseDraft {
  const db = ctx.store.db;
  let target: { kind: CaseDraft['targetKind']; id: string | null; name: string; town: string | null; facts: string };
  if (kind === 'finding') {
    const f = getFinding(db, id, today());
    if (!f) throw new DomainError('not_found', '未找到该问题');
    target = { kind: f.targetKind, id: f.targetId, name: f.targetName, town: f.townCode, facts: f.description };
  } else {
    const c = getComplaintRow(db, id);
    if (!c) throw new DomainError('not_found', '未找到该信访件');
    target = { kind: (c.target_kind as CaseDraft['targetKind']) ?? null, id: c.target_id as string | null, name: c.target_name as string, town: c.town_code as string | null, facts: c.content as string };
  }
  const e = target.kind === 'enterprise' && target.id ? getEnterprise(db, target.id, () => true) : undefined;
  return {
    sourceKind: kind, sourceId: id, targetKind: target.kind, targetId: target.id, targetName: target.name,
    party: e?.name ?? target.name, uscc: e?.uscc ?? '', legalRepresentative: e?.legalRepresentative ?? '', address: e?.address ?? '',
    townCode: target.town, facts: target.facts, openedAt: today(),
  };
}

export const caseHandlers = {
  'cases.list': (ctx, { offset, limit, ...f }) => listCases(ctx.store.db, f, today(), offset, limit),
  'cases.get': (ctx, { id }) => caseDetail(ctx, id),
  'cases.draftFrom': (ctx, { kind, id }) => draftFrom(ctx, kind, id),
  'cases.create': (ctx, d) => {
    const author = authorOf(ctx);
    if (d.openedAt > today()) throw invalidFields({ openedAt: '登记日期不能晚于今天' });
    const id = newId();
    ctx.store.transaction(() => { ctx.store.write(CASE, id, d, author); refreshCase(ctx, id); });
    return caseDetail(ctx, id);
  },
  'cases.act': async (ctx, { id, kind, at, text, data, files }) => {
    const author = authorOf(ctx);
    const row = mustRow(ctx, id);
    if (kind === 'document') throw new DomainError('invalid', '执法文书须通过“制作文书”生成（编号、冻结并签名）');
    // 行政处罚法 第五十九条: a penalty is decided by a 行政处罚决定书 — made, frozen and signed in the case file.
    if (kind === 'decided' && data.kind === 'penalty') throw new DomainError('invalid', '行政处罚决定须制作《行政处罚决定书》作出（先送达告知书，陈述申辩期满后制作）');
    const when = eventTime(at, row.opened_at as string, '案源登记日期');
    // A penalty case closes once the fine is paid, or with how it was enforced (行政处罚法 第七十二条: 申请人民法院强制执行).
    if (kind === 'closed') {
      const { state } = flaggedEvents(ctx, 'case', id, folder(ctx, id));
      if (state.decision?.kind === 'penalty' && state.decision.amount && !state.paidAt && !text.trim()) throw invalidFields({ text: '罚款尚未缴纳：结案须写明执行情况（如已申请人民法院强制执行）' });
    }
    if (kind === 'decisionExtended') data.days = Number(data.days);
    if (kind === 'served' && typeof data.servedAt !== 'string') data.servedAt = when.length > 10 ? when : `${when}T00:00`;
    const blobs = await storeEvidenceFiles(ctx.store, files);
    ctx.store.transaction(() => {
      appendIfLegal(ctx, 'case', id, folder(ctx, id), { kind, at: when, text, data, blobs }, author, CASE_EVENT_LABELS[kind]);
      refreshCase(ctx, id);
    });
    return caseDetail(ctx, id);
  },
  'cases.documentDraft': (ctx, { id, kind }) => {
    const row = mustRow(ctx, id);
    const { state, events } = flaggedEvents(ctx, 'case', id, folder(ctx, id));
    return documentDraft(ctx, row, kind, state, events);
  },
  'cases.issueDocument': async (ctx, input) => {
    const author = authorOf(ctx);
    mustRow(ctx, input.id);
    // Online, the county's next 文号 comes from the hub before the document is signed with it (issue 21).
    const fromHub = input.number?.trim() ? null : await countyDocumentNumber(ctx, input.fields.kind, (input.issuedAt ?? today()).slice(0, 4));
    ctx.store.transaction(() => {
      const fold = folder(ctx, input.id);
      const { state } = flaggedEvents(ctx, 'case', input.id, fold);
      const { doc, issued } = buildIssued(ctx, input.id, state, { ...input, reserved: fromHub });
      const label = `制作${DOCUMENT_TITLES[doc.kind]}`;
      const documentId = appendIfLegal(ctx, 'case', input.id, fold, { kind: 'document', at: doc.issuedAt, text: '', data: issued, blobs: [] }, author, label);
      const f = doc.fields;
      // The 处罚决定书 is the decision: the case is decided by it, its publicity and payment clocks start.
      if (f.kind === 'penalty') {
        appendIfLegal(ctx, 'case', input.id, fold, { kind: 'decided', at: doc.issuedAt, text: '', blobs: [],
          data: { kind: 'penalty', number: doc.number, amount: f.amount, legalBasis: f.penaltyBasis, content: f.penalty, documentId } }, author, label);
      }
      refreshCase(ctx, input.id);
    });
    return caseDetail(ctx, input.id);
  },
  'cases.document': (ctx, { id, documentId }) => {
    mustRow(ctx, id);
    const { state, events } = flaggedEvents(ctx, 'case', id, folder(ctx, id));
    return caseDocument(ctx, id, documentId, state, events);
  },
} satisfies Partial<Handlers>;
