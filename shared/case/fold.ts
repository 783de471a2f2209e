import { addDays, addWorkdays, type WorkCalendar } from '../domain/calendar';
import { dayOf, foldEvents, type RecordEvent } from '../events/event';
import { IssuedDocument, ServiceRecord, serviceProblem } from '../enforcement/document';
import { DOCUMENT_TITLES, type DocumentKind } from '../enforcement/kinds';
import { APPROVAL_KINDS, CASE_LIMITS, type ApprovalKind } from './limits';

export const CASE_STATES = ['opened', 'filed', 'decided', 'published', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_LABELS: Record<CaseState, string> = {
  opened: '待立案', filed: '已立案调查', decided: '已作出决定', published: '已公开', closed: '已结案',
};

export const CASE_EVENT_KINDS = [
  'filingExtended', 'filed', 'investigated', 'document', 'served', 'statement', 'heard', 'approved', 'decisionExtended',
  'decided', 'paid', 'transferred', 'published', 'closed', 'comment',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];
export const CASE_EVENT_LABELS: Record<CaseEventKind, string> = {
  filingExtended: '延长立案审查期限', filed: '立案', investigated: '调查取证', document: '制作文书', served: '送达',
  statement: '陈述申辩', heard: '举行听证', approved: '审查决定', decisionExtended: '延长办案期限', decided: '作出决定', paid: '缴纳罚款',
  transferred: '移送公安', published: '公开', closed: '结案', comment: '备注',
};

/** 处罚决定 publish within 7 working days; other enforcement results within 20 (DOMAIN [H]). */
export const PUBLICITY_WORKDAYS = { penalty: 7, other: 20 } as const;

export type CaseDecision = { kind: 'penalty' | 'other'; number: string; amount: number | null; legalBasis: string; content: string };

/** A document of the case file: its frozen text's hash, and its 送达 once recorded. */
export type CaseDocument = { id: string; kind: DocumentKind; number: string; at: string; sha256: string; seq: number; amount: number | null; officerIds: string[]; served: (ServiceRecord & { at: string; evidence?: number }) | null };

export type CaseFold = {
  state: CaseState;
  /** 立案 due: 15 days from the clue (the case's 登记日期), once 15 more with approval. */
  fileBy: string | null;
  filingExtended: boolean;
  filedNumber: string | null;
  filedAt: string | null;
  /** 作出决定 due: 90 days from 立案, plus each approved extension. */
  decideBy: string | null;
  decisionExtensions: number;
  documents: CaseDocument[];
  /** 陈述申辩/听证 due: 5 working days from the 告知书's service. */
  statementBy: string | null;
  statement: { at: string; hearingRequested: boolean } | null;
  heardAt: string | null;
  /** 负责人审查 (and 法制审核 / 集体讨论) of the investigation's result after the party was heard (行政处罚法 第五十七、五十八条). */
  approvals: { kind: ApprovalKind; at: string; by: string }[];
  decision: (CaseDecision & { at: string }) | null;
  /** 送达处罚决定书 due: 7 working days from the 决定书. */
  serveBy: string | null;
  /** 缴纳罚款 due: 15 days from the 处罚决定书's service (from the decision until it is served). */
  payBy: string | null;
  paidAt: string | null;
  publishBy: string | null;
  publishedAt: string | null;
  transferredAt: string | null;
  transferredTo: string | null;
  closedAt: string | null;
  lastEventAt: string | null;
};

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * A case's state from its events; every statutory clock counts from the event that starts it, in
 * calendar days or — where the law says 日 of five or fewer (行政处罚法 第八十五条) — working days on
 * the calendar given. `openedAt` (the day the clue was registered) starts the 立案 clock.
 */
export function foldCase(calendar: WorkCalendar, events: readonly RecordEvent[], openedAt: string | null = null) {
  const initial: CaseFold = {
    state: 'opened', fileBy: openedAt ? addDays(openedAt, CASE_LIMITS.fileDays) : null, filingExtended: false, filedNumber: null, filedAt: null,
    decideBy: null, decisionExtensions: 0, documents: [], statementBy: null, statement: null, heardAt: null, approvals: [], decision: null, serveBy: null,
    payBy: null, paidAt: null, publishBy: null, publishedAt: null, transferredAt: null, transferredTo: null, closedAt: null, lastEventAt: null,
  };
  return foldEvents(initial, events, (s, e): CaseFold | string => {
    const day = dayOf(e.at);
    const base = { ...s, lastEventAt: e.at };
    const not = (what: string) => `案件当前为“${CASE_STATE_LABELS[s.state]}”，不能${what}`;
    const open = s.state !== 'opened' && s.state !== 'closed';
    switch (e.kind as CaseEventKind) {
      case 'comment': return base;
      case 'investigated':
        return s.state !== 'filed' ? not('登记调查取证（须先立案）') : base;
      case 'filingExtended':
        if (s.state !== 'opened') return not('延长立案审查期限');
        if (s.filingExtended) return '立案审查期限只能延长一次（十五日）';
        if (!text(e.data.approver)) return '请填写批准延长的负责人';
        return { ...base, filingExtended: true, fileBy: s.fileBy ? addDays(s.fileBy, CASE_LIMITS.fileExtensionDays) : null };
      case 'filed': {
        if (s.state !== 'opened') return not('立案');
        const number = text(e.data.number);
        if (!number) return '请填写立案编号';
        return { ...base, state: 'filed', filedNumber: number, filedAt: day, decideBy: addDays(day, CASE_LIMITS.decideDays) };
      }
      case 'decisionExtended': {
        if (s.state !== 'filed') return not('延长办案期限（须已立案、尚未决定）');
        const days = Number(e.data.days);
        if (!text(e.data.approver)) return '请填写批准延长的负责人（或集体讨论）';
        // The first extension is the head's, up to 30 days; a further one is decided collectively, with its length (生态环境行政处罚办法 2023).
        const max = s.decisionExtensions === 0 ? CASE_LIMITS.decideExtensionDays : 365;
        if (s.decisionExtensions > 0 && e.data.collective !== true) return '再次延期须经负责人集体讨论决定';
        if (!Number.isInteger(days) || days < 1 || days > max) return `延长天数应为 1～${max} 天`;
        return { ...base, decisionExtensions: s.decisionExtensions + 1, decideBy: addDays(s.decideBy ?? day, days) };
      }
      case 'document': return documentStep(s, base, e, day, calendar, not);
      case 'served': {
        const parsed = ServiceRecord.safeParse(e.data);
        if (!parsed.success) return parsed.error.issues[0]?.message ?? '送达回证不完整';
        const problem = serviceProblem(parsed.data, e.blobs.length);
        if (problem) return problem;
        const doc = s.documents.find((d) => d.id === parsed.data.documentId);
        if (!doc) return '要送达的文书不在本案卷中';
        if (doc.kind === 'inquiry') return '调查询问笔录由被询问人当场签字，无须送达';
        if (doc.served) return `${DOCUMENT_TITLES[doc.kind]}已于 ${doc.served.at} 送达`;
        if (dayOf(parsed.data.servedAt) < doc.at) return '送达时间不能早于文书的制作日期';
        if (dayOf(parsed.data.servedAt) > day) return '送达时间不能晚于登记送达的日期';
        // 公告送达: deemed served 30 days after the notice is published (民事诉讼法 第九十五条).
        const served = parsed.data.method === '公告送达' ? addDays(dayOf(parsed.data.servedAt), CASE_LIMITS.publicNoticeDays) : dayOf(parsed.data.servedAt);
        const documents = s.documents.map((d) => (d === doc ? { ...d, served: { ...parsed.data, at: served, evidence: e.blobs.length } } : d));
        // A (new) 告知书 served: the party's time to state their case starts again; an earlier statement answered the earlier notice.
        if (doc.kind === 'notice') return { ...base, documents, statementBy: addWorkdays(served, CASE_LIMITS.statementWorkdays, calendar), statement: null, heardAt: null, approvals: [] };
        if (doc.kind === 'penalty') return { ...base, documents, payBy: addDays(served, CASE_LIMITS.payDays) };
        return { ...base, documents };
      }
      case 'statement':
        if (!s.statementBy) return '须先送达《行政处罚事先（听证）告知书》';
        if (s.statement) return '陈述申辩已记录';
        if (s.decision) return not('记录陈述申辩（已作出决定）');
        if (!text(e.text) && e.data.waived !== true) return '请记录当事人的陈述申辩内容，或注明放弃';
        return { ...base, statement: { at: day, hearingRequested: e.data.hearingRequested === true } };
      case 'approved': {
        const kind = e.data.kind as ApprovalKind;
        if (!(APPROVAL_KINDS as readonly string[]).includes(kind)) return `审查方式应为 ${APPROVAL_KINDS.join('、')} 之一`;
        if (s.state !== 'filed') return not('登记审查决定（须已立案、尚未决定）');
        if (!s.statementBy) return '须先送达《行政处罚事先（听证）告知书》，陈述申辩后再审查决定';
        if (!text(e.text)) return '请填写审查意见';
        if (!text(e.data.approver)) return '请填写审查人（负责人、法制审核人员或集体讨论的会议）';
        // The head's review is not the 承办人's own (第五十七条: 行政机关负责人应当对调查结果进行审查).
        if (noticeOfficers(s).includes(e.author)) return '审查决定须由承办人以外的负责人或法制审核人员作出';
        return { ...base, approvals: [...s.approvals, { kind, at: day, by: text(e.data.approver) }] };
      }
      case 'heard':
        if (!s.statement?.hearingRequested) return '当事人未要求听证';
        if (s.heardAt) return '听证已记录';
        if (!text(e.text)) return '请填写听证情况';
        return { ...base, heardAt: day };
      case 'decided': {
        if (s.state !== 'filed') return not('作出决定（须先立案）');
        const d = e.data as unknown as CaseDecision & { documentId?: unknown };
        if (!d.number?.trim()) return '请填写决定书文号';
        // A penalty without a fine (警告, 没收, 责令停产停业…) has no amount.
        if (d.kind === 'penalty' && d.amount !== null && d.amount !== undefined && !(typeof d.amount === 'number' && d.amount >= 0)) return '罚款金额应为不小于0的数字';
        // A penalty is decided by its 处罚决定书 in this case file (decisions recorded before documents existed name none).
        if (d.documentId !== undefined) {
          const doc = s.documents.find((x) => x.id === d.documentId);
          if (!doc || doc.kind !== 'penalty' || doc.number !== d.number || (doc.amount ?? null) !== (d.amount ?? null)) return '行政处罚决定与案卷中的《行政处罚决定书》不符';
        } else if (d.kind === 'penalty' && s.documents.length > 0) return '行政处罚决定须以案卷中的《行政处罚决定书》作出';
        const payBy = d.kind === 'penalty' && d.amount ? addDays(day, CASE_LIMITS.payDays) : null;
        return { ...base, state: 'decided', decision: { kind: d.kind, number: d.number, amount: d.amount ?? null, legalBasis: d.legalBasis, content: d.content, at: day }, payBy: s.payBy ?? payBy, publishBy: addWorkdays(day, PUBLICITY_WORKDAYS[d.kind === 'penalty' ? 'penalty' : 'other'], calendar) };
      }
      case 'paid':
        if (s.decision?.kind !== 'penalty' || !s.decision.amount) return '本案没有罚款决定';
        if (s.paidAt) return '罚款缴纳已记录';
        return { ...base, paidAt: day };
      case 'transferred':
        if (!open) return not('移送公安');
        return { ...base, transferredAt: day, transferredTo: typeof e.data.to === 'string' ? e.data.to : null };
      case 'published':
        if (s.state !== 'decided') return not('公开（须先作出决定）');
        return { ...base, state: 'published', publishedAt: day };
      case 'closed':
        if (s.state !== 'published') return not('结案（须先公开处理结果）');
        return { ...base, state: 'closed', closedAt: day };
      default: return `未知的事件类型“${e.kind}”`;
    }
  });
}

/**
 * A document enters the case file in order: the next link of its chain; an inquiry or an order while
 * the case is under investigation; the 告知书 before any decision; the 处罚决定书 only after the 告知书
 * was served and the party's time to state their case (and any hearing they asked for) is over.
 */
function documentStep(s: CaseFold, base: CaseFold, e: RecordEvent, day: string, cal: WorkCalendar, not: (w: string) => string): CaseFold | string {
  const parsed = IssuedDocument.safeParse(e.data);
  if (!parsed.success) return '文书数据不完整';
  const d = parsed.data;
  if (s.state !== 'filed' && !(d.kind === 'order' && s.state !== 'opened' && s.state !== 'closed')) return not(`制作${DOCUMENT_TITLES[d.kind]}（须已立案、尚未决定）`);
  const last = s.documents.at(-1);
  if (d.seq !== s.documents.length + 1 || (last && d.prev !== last.sha256)) return '文书链断开：另一台电脑同时为本案制作了文书，请核对后重新制作';
  // No back-dating: a document is dated on or after 立案 and the document before it.
  if (s.filedAt && day < s.filedAt) return `文书的制作日期不能早于立案日期 ${s.filedAt}`;
  if (last && day < last.at) return `文书的制作日期不能早于前一份文书的日期 ${last.at}`;
  const amount = amountOf(d.canonical);
  if (d.number && s.documents.some((x) => x.number === d.number && x.kind === d.kind)) return `文号 ${d.number} 在本案中已使用`;
  if (d.kind === 'notice' && s.documents.some((x) => x.kind === 'notice' && !x.served)) return '已有一份尚未送达的告知书';
  if (d.kind === 'penalty') {
    const notice = s.documents.filter((x) => x.kind === 'notice').at(-1);
    if (!s.statementBy || !notice?.served) return '作出行政处罚决定前须送达《行政处罚事先（听证）告知书》（行政处罚法 第四十四条、第六十二条）';
    // 第四十五条: no heavier penalty for stating one's case; a heavier one needs a new 告知书.
    if (amount !== null && (notice.amount === null || amount > notice.amount)) return `罚款不得高于告知书告知的金额（${notice.amount ?? 0} 元）；加重处罚须重新告知（行政处罚法 第四十五条）`;
    if (s.statement?.hearingRequested && !s.heardAt) return '当事人要求听证，须先举行听证（行政处罚法 第六十四条）';
    if (!s.statement && day <= s.statementBy) return `当事人陈述申辩期限至 ${s.statementBy}（五个工作日），期满或记录其陈述申辩后方可作出决定`;
    if (!s.approvals.some((a) => a.kind === '负责人审查' || a.kind === '集体讨论')) return '作出行政处罚决定前须经负责人审查（案情复杂或重大的须集体讨论）（行政处罚法 第五十七条）';
    // 第五十八条: a case decided after a hearing is one whose decision needs 法制审核 first.
    if (s.heardAt && !s.approvals.some((a) => a.kind === '法制审核')) return '经过听证的案件，作出决定前须经法制审核（行政处罚法 第五十八条）';
  }
  const serveBy = d.kind === 'penalty' ? addWorkdays(day, CASE_LIMITS.serveDecisionWorkdays, cal) : s.serveBy;
  return { ...base, serveBy, documents: [...s.documents, { id: e.id, kind: d.kind, number: d.number, at: day, sha256: d.sha256, seq: d.seq, amount, officerIds: officerIdsOf(d.canonical), served: null }] };
}

/** The officers (承办人) the latest 告知书 names, by person id. */
function noticeOfficers(s: CaseFold): string[] {
  return s.documents.filter((x) => x.kind === 'notice').at(-1)?.officerIds ?? [];
}

/** The fine a frozen document states (告知书, 决定书), or null. */
function amountOf(canonical: string): number | null {
  try {
    const a = (JSON.parse(canonical) as { fields?: { amount?: unknown } }).fields?.amount;
    return typeof a === 'number' ? a : null;
  } catch { return null; }
}

/** The officers a frozen document names, by person id. */
function officerIdsOf(canonical: string): string[] {
  try {
    const o = (JSON.parse(canonical) as { officers?: { personId?: unknown }[] }).officers;
    return Array.isArray(o) ? o.map((x) => String(x.personId)) : [];
  } catch { return []; }
}

/** Whether the publicity deadline has passed without publication on `today`. */
export function publicityOverdue(f: Pick<CaseFold, 'state' | 'publishBy'>, today: string): boolean {
  return f.state === 'decided' && f.publishBy !== null && f.publishBy < today;
}
