import { createHash } from 'node:crypto';
import { addDays } from '../../../shared/domain/calendar';
import type { CaseFold } from '../../../shared/case/fold';
import type { DocumentFields } from '../../../shared/enforcement/document';
import { buildIssued } from '../case-documents';
import type { ServiceContext } from '../context';

type Ev = { kind: string; day: string; text?: string; data?: Record<string, unknown>; id?: string; author?: string };

const VIOLATED = '《中华人民共和国水污染防治法》第三十九条';
const BASIS = '《中华人民共和国水污染防治法》第八十三条第三项';
const REMEDIES = { reviewBody: '清水县人民政府', court: '清水县人民法院' };

/** A demo event id derived from its case (not drawn: the seed's draws stay as they were). */
const idOf = (caseId: string, what: string) => {
  const h = createHash('sha256').update(`${caseId}|${what}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * A demo penalty as the law runs it: the 告知书 made and served, five working days for the party, the head's review,
 * the 处罚决定书 (frozen, signed, chained after the 告知书) and the decision it records, its service
 * and — for some — the payment. Built through the same code a bureau's documents are.
 */
export function penaltyStory(ctx: ServiceContext, c: { id: string; opened: string; facts: string; officers: string[]; approver: string; n: number; amount: number; rep: string; paid: boolean }): Ev[] {
  const year = c.opened.slice(0, 4);
  const core = { officerIds: c.officers, facts: c.facts, evidence: '现场检查（勘察）笔录一份，现场照片，调查询问笔录一份', violated: VIOLATED };
  const noticeFields: DocumentFields = { kind: 'notice', ...core, penaltyBasis: BASIS, proposed: `罚款人民币 ${c.amount.toLocaleString('zh-CN')} 元`, amount: c.amount, hearing: c.amount >= 100000, contact: '法制与执法监督股 0797-0000000', address: '清水县城南大道8号' };
  const none = { documents: [] } as unknown as CaseFold;
  const notice = buildIssued(ctx, c.id, none, { fields: noticeFields, number: `清环罚告〔${year}〕${c.n}号`, issuedAt: addDays(c.opened, 20), remedies: REMEDIES }).issued;
  const afterNotice = { documents: [{ sha256: notice.sha256 }] } as unknown as CaseFold;
  const penaltyFields: DocumentFields = { kind: 'penalty', ...core, statementReview: '当事人在法定期限内未提出陈述、申辩和听证申请。', penaltyBasis: BASIS, penalty: `罚款人民币 ${c.amount.toLocaleString('zh-CN')} 元，并责令改正违法行为`, amount: c.amount, payTo: '清水县财政局非税收入汇缴结算户', performance: '' };
  const penalty = buildIssued(ctx, c.id, afterNotice, { fields: penaltyFields, number: `清环罚〔${year}〕${c.n}号`, issuedAt: addDays(c.opened, 35), remedies: REMEDIES }).issued;
  const noticeId = idOf(c.id, 'notice');
  const penaltyId = idOf(c.id, 'penalty');
  const serve = (documentId: string, day: string) => ({ documentId, method: '直接送达', servedAt: `${day}T10:00`, place: '当事人住所', receiver: c.rep, relation: '法定代表人', refusedReason: '', witness: '', server: '执法人员二人', reference: '' });
  return [
    { kind: 'document', day: addDays(c.opened, 20), data: notice, id: noticeId },
    { kind: 'served', day: addDays(c.opened, 22), data: serve(noticeId, addDays(c.opened, 22)) },
    { kind: 'approved', day: addDays(c.opened, 33), text: '违法事实清楚，证据确凿，同意按告知的内容作出处罚决定', data: { kind: '负责人审查', approver: '分管副局长' }, author: c.approver },
    { kind: 'document', day: addDays(c.opened, 35), data: penalty, id: penaltyId },
    { kind: 'decided', day: addDays(c.opened, 35), data: { kind: 'penalty', number: penalty.number, amount: c.amount, legalBasis: BASIS, content: penaltyFields.penalty, documentId: penaltyId } },
    { kind: 'served', day: addDays(c.opened, 37), data: serve(penaltyId, addDays(c.opened, 37)) },
    ...(c.paid ? [{ kind: 'paid', day: addDays(c.opened, 50), data: { receipt: `FS${year}${String(c.n).padStart(6, '0')}` } }] : []),
  ];
}
