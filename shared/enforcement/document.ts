import { z } from 'zod';
import type { Officer } from '../api/inspections';
import { RECEIVER_RELATIONS, SERVICE_METHODS, type DocumentKind } from './kinds';

const day = (what: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `请填写${what}（yyyy-mm-dd）`);
const minute = (what: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `请填写${what}（年-月-日 时:分）`);
const must = (what: string, max = 4000) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过${max}个字`);
const may = (max = 4000) => z.string().trim().max(max, `内容不能超过${max}个字`).default('');
const amount = z.number({ error: '罚款金额应为数字' }).min(0, '罚款金额不能为负数').max(1e10, '罚款金额过大').nullable().default(null);

/** What the two officers and the recorder are (people of the directory with 执法证号). */
const officers = { officerIds: z.array(z.string()).min(2, '执法人员不得少于两人（行政处罚法 第四十二条）').max(6) };

/** 调查询问笔录: who was asked, by whom, when and where, the recusal question and the questions and answers. */
export const InquiryFields = z.object({
  kind: z.literal('inquiry'),
  startedAt: minute('询问开始时间'), endedAt: minute('询问结束时间'), place: must('询问地点', 200),
  ...officers, recorderId: z.string().nullable().default(null),
  interviewee: z.object({
    name: must('被询问人姓名', 30), gender: z.enum(['男', '女'], { error: '请选择被询问人性别' }),
    idNumber: may(30), post: may(50), phone: may(30), address: may(200),
    relation: must('被询问人与当事人的关系', 50),
  }),
  recusal: z.enum(['申请回避', '不申请回避'], { error: '请记录被询问人是否申请回避' }),
  qa: z.array(z.object({ q: must('问', 1000), a: must('答', 4000) })).min(1, '请至少记录一问一答').max(200),
}).refine((f) => f.endedAt > f.startedAt, { message: '询问结束时间应晚于开始时间', path: ['endedAt'] });

/** A decision names its 承办人员 (two officers with 执法证号) besides the facts, the evidence and the provisions broken. */
const decisionCore = {
  ...officers, facts: must('违法事实'), evidence: must('证据'), violated: must('违反的法律条款', 1000),
};

/** 责令改正违法行为决定书 (行政处罚法 第二十八条: 责令当事人改正或者限期改正违法行为). */
export const OrderFields = z.object({
  kind: z.literal('order'), ...decisionCore,
  basis: must('责令改正的依据', 1000), requirement: must('改正要求'), deadline: day('改正期限'),
});

/** 行政处罚事先（听证）告知书 (行政处罚法 第四十四条、第四十五条、第六十三条、第六十四条). */
export const NoticeFields = z.object({
  kind: z.literal('notice'), ...decisionCore,
  penaltyBasis: must('处罚依据', 1000), proposed: must('拟作出的行政处罚', 1000), amount,
  /** 较大数额罚款, 没收较大数额, 降低资质, 责令停产停业, 吊销许可证… : the party may ask for a hearing (第六十三条). */
  hearing: z.boolean().default(false),
  contact: must('联系人及联系电话', 200), address: must('我局地址', 200),
});

/** 行政处罚决定书 (行政处罚法 第五十九条 the elements of a decision). */
export const PenaltyFields = z.object({
  kind: z.literal('penalty'), ...decisionCore,
  statementReview: must('当事人陈述申辩（听证）情况及采纳意见'), penaltyBasis: must('处罚依据', 1000),
  penalty: must('处罚内容', 1000), amount, payTo: may(300),
  /** 履行方式和期限 of a penalty other than a fine (没收, 责令停产停业…), 行政处罚法 第五十九条第一款第四项. */
  performance: may(1000),
}).refine((f) => !(f.amount && !f.payTo), { message: '请填写缴款方式（银行、账户或电子缴款）', path: ['payTo'] });

export const DocumentFields = z.discriminatedUnion('kind', [InquiryFields, OrderFields, NoticeFields, PenaltyFields]);
export type DocumentFields = z.output<typeof DocumentFields>;

/** Where the remedy clauses send the party (行政复议法 2023 第二十四条: 本级人民政府; 行政诉讼法 第十八条). */
export const Remedies = z.object({ reviewBody: must('行政复议机关', 100), court: must('人民法院', 100) });
export type Remedies = z.infer<typeof Remedies>;

/** A document as frozen when issued: the canonical JSON (RFC 8785) of this is hashed, signed and chained. */
export type EnforcementDocument = {
  schema: 'qingshui.document/1';
  kind: DocumentKind;
  number: string;
  bureau: string;
  caseId: string;
  caseNumber: string | null;
  party: { name: string; uscc: string; legalRepresentative: string; address: string };
  issuedAt: string;
  fields: DocumentFields;
  officers: Officer[];
  recorder: Officer | null;
  remedies: Remedies | null;
  /** The notice officers read out (笔录 only): certificates shown, rights and duties, the recusal question. */
  notice: string;
  /** The case file's chain: the n-th document of the case and the hash of the one before (the first: of the case's source record, if signed). */
  chain: { caseId: string; seq: number; prev: string | null };
  issuedBy: string;
};

/** What a document's device signature covers: `qingshui-document-v1|<sha256>|<account>|<caseId>|<seq>`. */
export type DocumentSignature = { sha256: string; signer: string; caseId: string; seq: number };
export function documentSigningText(s: DocumentSignature): string {
  return `qingshui-document-v1|${s.sha256}|${s.signer}|${s.caseId}|${s.seq}`;
}

/** The frozen text and its proofs, as the 'document' event of a case carries them. */
export const IssuedDocument = z.object({
  kind: z.enum(['inquiry', 'order', 'notice', 'penalty']), number: z.string(), canonical: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/),
  seq: z.number().int().min(1), prev: z.string().nullable(), signer: z.string(), signerKey: z.string(), signature: z.string(),
});
export type IssuedDocument = z.infer<typeof IssuedDocument>;

/** 送达回证: how, when and to whom a document was served, and who signed for it or why they refused. */
export const ServiceRecord = z.object({
  documentId: z.string().min(1, '请选择送达的文书'),
  method: z.enum(SERVICE_METHODS, { error: '请选择送达方式' }),
  servedAt: minute('送达时间'), place: may(200),
  receiver: may(30), relation: z.enum(RECEIVER_RELATIONS).nullable().default(null),
  refusedReason: may(500), witness: may(100), server: must('送达人', 60),
  /** 邮寄: the mail number; 电子送达: the address; 公告送达: where and when published. */
  reference: may(200),
});
export type ServiceRecord = z.output<typeof ServiceRecord>;

/**
 * Why a 送达 record is not complete, or null: a signature names who signed and how they stand to
 * the party; 留置送达 states the refusal's reason and is evidenced by a witness or a photo/recording
 * (民事诉讼法 第八十九条); 邮寄/电子/公告 name their reference (回执, 地址, 公告载体).
 */
export function serviceProblem(s: ServiceRecord, evidenceFiles: number): string | null {
  if (s.method === '直接送达' || s.method === '委托送达') {
    if (!s.receiver) return '请填写签收人姓名';
    if (!s.relation) return '请选择签收人与当事人的关系';
  }
  if (s.method === '留置送达') {
    if (!s.refusedReason) return '留置送达须写明拒收事由';
    if (!s.witness && evidenceFiles === 0) return '留置送达须有见证人签名，或以拍照、录像记录送达过程（民事诉讼法 第八十九条）';
  }
  if ((s.method === '邮寄送达' || s.method === '电子送达' || s.method === '公告送达') && !s.reference) {
    return s.method === '邮寄送达' ? '请填写邮件号（回执）' : s.method === '电子送达' ? '请填写送达的电子地址（须经当事人同意）' : '请填写公告的载体与日期';
  }
  return null;
}
