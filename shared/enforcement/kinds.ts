/*
 * 执法文书 (issue 19): the documents that follow an inspection in a case file, each frozen, signed
 * and chained like the 现场检查（勘察）笔录, each with its 送达回证. Names and elements follow the
 * ministry's model enforcement documents (环境行政执法文书制作指南; 生态环境行政处罚办法, 生态环境部令第30号).
 */

export const DOCUMENT_KINDS = ['inquiry', 'order', 'notice', 'penalty'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  inquiry: '调查询问笔录',
  order: '责令改正违法行为决定书',
  notice: '行政处罚事先（听证）告知书',
  penalty: '行政处罚决定书',
};

/** The documents that carry a 文号 (a 笔录 is identified by its case and time, not numbered). */
export const NUMBERED_KINDS: readonly DocumentKind[] = ['order', 'notice', 'penalty'];

/**
 * 送达方式: 行政处罚法 第六十一条 (送达 under 民事诉讼法 第七章第二节; 电子送达 with the party's consent).
 * 留置送达 is a refusal to accept, recorded with its reason and a witness or a recording (民事诉讼法 第八十九条).
 */
export const SERVICE_METHODS = ['直接送达', '留置送达', '邮寄送达', '委托送达', '电子送达', '公告送达'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

/** The relation of whoever signed for a document to the party (受送达人). */
export const RECEIVER_RELATIONS = ['本人', '法定代表人', '委托代理人', '单位工作人员', '同住成年家属', '其他'] as const;

/** 文号: 〔year〕 and a sequence, after the bureau's prefix (e.g. 清环责改〔2026〕12号). */
export function documentNumber(prefix: string, year: string, seq: number): string {
  return `${prefix}〔${year}〕${seq}号`;
}

/** The year and sequence of a 文号 written with the given prefix, or null when it is not one of its numbers. */
export function parseDocumentNumber(prefix: string, number: string): { year: string; seq: number } | null {
  if (!prefix || !number.startsWith(prefix)) return null;
  const m = /^〔(\d{4})〕(\d{1,6})号$/.exec(number.slice(prefix.length));
  return m ? { year: m[1], seq: Number(m[2]) } : null;
}
