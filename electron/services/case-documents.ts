import canonicalize from 'canonicalize';
import type { CaseDocumentRow } from '../../shared/api/cases';
import type { Officer } from '../../shared/api/inspections';
import { DomainError, invalidFields } from '../../shared/api/result';
import type { CaseFold } from '../../shared/case/fold';
import { IssuedDocument, type DocumentFields, type EnforcementDocument, type Remedies } from '../../shared/enforcement/document';
import { DOCUMENT_TITLES, NUMBERED_KINDS, documentNumber, parseDocumentNumber, type DocumentKind } from '../../shared/enforcement/kinds';
import { PROGRAM_SIGNER } from '../../shared/inspection/record-signature';
import type { RecordEvent } from '../../shared/events/event';
import { sha256Of } from '../store/blob-store';
import { getCaseRow } from '../store/cases';
import { issuedDocumentsOfKind } from '../store/case-documents';
import { getFinding } from '../store/findings';
import { getInspectionRow } from '../store/inspections';
import { deviceSigner, signDocument } from '../store/record-signing';
import { issuedProblem } from '../store/verify-documents';
import { readSettings } from '../store/settings';
import { today } from './clock';
import type { ServiceContext } from './context';
import { officerOf } from './inspections/index';

/** The remedy clauses' defaults: the county's 人民政府 (行政复议法 2023 第二十四条); the court as the bureau set it. */
export function defaultRemedies(ctx: ServiceContext): Remedies | null {
  const s = readSettings(ctx.store.db);
  const reviewBody = s.reviewBody || (s.countyName ? `${s.countyName}人民政府` : '');
  return reviewBody && s.courtName ? { reviewBody, court: s.courtName } : reviewBody ? { reviewBody, court: '' } : null;
}

/** The next 文号 of a kind in a year, after the highest the workspace holds with the bureau's prefix; '' with no prefix. */
export function nextNumber(ctx: ServiceContext, kind: DocumentKind, year: string): string {
  const prefix = readSettings(ctx.store.db).documentPrefixes[kind as 'order'] ?? '';
  if (!prefix || !NUMBERED_KINDS.includes(kind)) return '';
  let max = 0;
  for (const n of issuedDocumentsOfKind(ctx.store.db, kind).map((d) => d.number)) {
    const p = parseDocumentNumber(prefix, n);
    if (p && p.year === year) max = Math.max(max, p.seq);
  }
  return documentNumber(prefix, year, max + 1);
}

/**
 * The county's next 文号 of a kind in a year from the hub this laptop is joined to (issue 21), not below
 * this laptop's own next; null without a prefix, a hub, or the hub in reach (the laptop's own next is used).
 */
export async function countyDocumentNumber(ctx: ServiceContext, kind: DocumentKind, year: string): Promise<string | null> {
  const prefix = readSettings(ctx.store.db).documentPrefixes[kind as 'order'] ?? '';
  if (!prefix || !NUMBERED_KINDS.includes(kind) || !ctx.hubDocumentNumber) return null;
  const own = parseDocumentNumber(prefix, nextNumber(ctx, kind, year))?.seq ?? 1;
  const number = await ctx.hubDocumentNumber(kind, prefix, year, own);
  return number && parseDocumentNumber(prefix, number)?.year === year ? number : null;
}

/** The document's 文号: as written by hand (unused), else the hub's (reserved), else the next of the bureau's scheme. */
function numberFor(ctx: ServiceContext, kind: DocumentKind, written: string | undefined, issuedAt: string, reserved?: string | null): string {
  if (!NUMBERED_KINDS.includes(kind)) return '';
  if (!written?.trim() && reserved && !issuedDocumentsOfKind(ctx.store.db, kind).some((d) => d.number === reserved)) return reserved;
  const hand = written?.trim();
  if (hand) {
    if (issuedDocumentsOfKind(ctx.store.db, kind).some((d) => d.number === hand)) throw invalidFields({ number: `文号“${hand}”已被另一份${DOCUMENT_TITLES[kind]}使用` });
    return hand;
  }
  const next = nextNumber(ctx, kind, issuedAt.slice(0, 4));
  if (!next) throw invalidFields({ number: `未设置${DOCUMENT_TITLES[kind]}的文号前缀：请在“设置”中填写，或手工填写文号` });
  return next;
}

/** Officers as the directory names them now; an officer without 执法证号 cannot sign an enforcement document. */
function officersOf(ctx: ServiceContext, ids: string[], field: string): Officer[] {
  if (new Set(ids).size !== ids.length) throw invalidFields({ [field]: '同一人不能两次列为执法人员' });
  return ids.map((id) => {
    const o = officerOf(ctx, id, field);
    if (!o.certificateNo) throw invalidFields({ [field]: `${o.name}没有执法证号，不能作为执法人员（行政处罚法 第四十二条）` });
    return o;
  });
}

/** The hash the case file's chain starts from: the signed 笔录 the case came from, if any. */
function sourceRecordSha(ctx: ServiceContext, row: Record<string, unknown>): string | null {
  const db = ctx.store.db;
  let inspectionId: string | null = null;
  if (row.source_kind === 'inspection') inspectionId = row.source_id as string;
  if (row.source_kind === 'finding' && row.source_id) {
    const f = getFinding(db, row.source_id as string, today());
    if (f?.sourceKind === 'inspection') inspectionId = f.sourceId;
  }
  return inspectionId ? getInspectionRow(db, inspectionId)?.sha256 ?? null : null;
}

/**
 * Builds, freezes and signs a document as the next link of its case file: the data the `document`
 * event carries. Nothing is written here; the fold decides whether the case allows it.
 */
export function buildIssued(ctx: ServiceContext, caseId: string, fold: CaseFold, input: { fields: DocumentFields; number?: string; issuedAt?: string; remedies?: Remedies; reserved?: string | null }): { doc: EnforcementDocument; issued: IssuedDocument } {
  const row = getCaseRow(ctx.store.db, caseId);
  if (!row) throw new DomainError('not_found', '未找到该案件');
  const s = readSettings(ctx.store.db);
  const issuedAt = input.issuedAt ?? today();
  if (issuedAt > today()) throw invalidFields({ issuedAt: '制作日期不能晚于今天' });
  if (issuedAt < (row.opened_at as string)) throw invalidFields({ issuedAt: `制作日期不能早于案源登记日期 ${row.opened_at as string}` });
  const f = input.fields;
  if (f.kind === 'order' && f.deadline < issuedAt) throw invalidFields({ 'fields.deadline': '改正期限不能早于制作日期' });
  if (f.kind === 'inquiry' && f.startedAt.slice(0, 10) > today()) throw invalidFields({ 'fields.startedAt': '询问时间不能晚于今天' });
  const officers = officersOf(ctx, f.officerIds, 'fields.officerIds');
  const recorder = f.kind === 'inquiry' && f.recorderId ? officerOf(ctx, f.recorderId, 'fields.recorderId') : null;
  const remedies = f.kind === 'inquiry' ? null : input.remedies ?? defaultRemedies(ctx);
  if (remedies && (!remedies.reviewBody || !remedies.court)) throw invalidFields({ remedies: '请填写行政复议机关和人民法院（或在“设置”中填写）' });
  if (f.kind !== 'inquiry' && !remedies) throw invalidFields({ remedies: '请填写行政复议机关和人民法院（或在“设置”中填写）' });
  const number = numberFor(ctx, f.kind, input.number, issuedAt, input.reserved);
  const last = fold.documents.at(-1);
  const chain = { caseId, seq: fold.documents.length + 1, prev: last?.sha256 ?? sourceRecordSha(ctx, row) };
  const doc: EnforcementDocument = {
    schema: 'qingshui.document/1', kind: f.kind, number, bureau: s.bureauName, caseId, caseNumber: (row.filed_number as string | null) ?? null,
    party: { name: row.party as string, uscc: row.uscc as string, legalRepresentative: row.legal_representative as string, address: row.address as string },
    issuedAt, fields: f, officers, recorder, remedies, notice: f.kind === 'inquiry' ? s.inspectionNotice : '',
    chain, issuedBy: ctx.session.user?.account ?? PROGRAM_SIGNER,
  };
  const canonical = canonicalize(doc) as string;
  const sha256 = sha256Of(canonical);
  const device = deviceSigner(ctx.store.db);
  const signer = doc.issuedBy;
  const signature = signDocument(device, { sha256, signer, caseId, seq: chain.seq });
  return { doc, issued: { kind: f.kind, number, canonical, sha256, seq: chain.seq, prev: chain.prev, signer, signerKey: device.publicKey, signature } };
}

/** The documents of a case as its page lists them, with each one's 送达 and any flag. */
export function caseDocumentRows(fold: CaseFold, events: RecordEvent[]): CaseDocumentRow[] {
  const flags = new Map(events.map((e) => [e.id, e.flag]));
  return fold.documents.map((d) => ({ id: d.id, kind: d.kind, title: DOCUMENT_TITLES[d.kind], number: d.number, at: d.at, sha256: d.sha256, seq: d.seq, served: d.served, flag: flags.get(d.id) ?? null }));
}

/** One issued document of a case, its text parsed, checked against its hash and signature. */
export function caseDocument(ctx: ServiceContext, caseId: string, documentId: string, fold: CaseFold, events: readonly RecordEvent[]) {
  const e = events.find((x) => x.id === documentId && x.kind === 'document');
  if (!e) throw new DomainError('not_found', '未找到该文书');
  const issued = IssuedDocument.parse(e.data);
  const served = fold.documents.find((d) => d.id === documentId)?.served ?? null;
  const row = getCaseRow(ctx.store.db, caseId);
  return { document: JSON.parse(issued.canonical) as Record<string, unknown>, issued, served, intact: issuedProblem(e.data, caseId) === null, caseParty: (row?.party as string) ?? '', flag: e.flag };
}
