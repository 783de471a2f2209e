/*
 * The statutory clocks of an administrative penalty case (issue 19), each with its source. Calendar
 * days unless marked: 行政处罚法 第八十五条 counts 二日、三日、五日、七日 as working days (不含法定节假日).
 */
export const CASE_LIMITS = {
  /** 立案: decided within 15 days of discovering the clue; once 15 more with the head's approval (生态环境行政处罚办法, 生态环境部令第30号, 2023 — article to be confirmed locally). */
  fileDays: 15,
  fileExtensionDays: 15,
  /** 作出决定 within 90 days of 立案 (行政处罚法 第六十条); extension with approval, first ≤ 30 days by the head, a further one decided collectively (生态环境行政处罚办法 2023). */
  decideDays: 90,
  decideExtensionDays: 30,
  /** 陈述申辩 and 听证 request within 5 (working) days of the 告知书 (行政处罚法 第四十五条、第六十四条第一项、第八十五条). */
  statementWorkdays: 5,
  /** 缴纳罚款 within 15 days of receiving the decision (行政处罚法 第六十七条第三款). */
  payDays: 15,
  /** A 决定书 not handed over when announced is served within 7 (working) days (行政处罚法 第六十一条、第八十五条). */
  serveDecisionWorkdays: 7,
  /** 公告送达: deemed served 30 days after publication (民事诉讼法 第九十五条). */
  publicNoticeDays: 30,
} as const;

/** 负责人审查 (第五十七条), 集体讨论 (情节复杂或重大违法行为), 法制审核 (第五十八条). */
export const APPROVAL_KINDS = ['负责人审查', '集体讨论', '法制审核'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export type CaseClockKey = 'file' | 'decide' | 'statement' | 'serve' | 'pay' | 'publish';

export const CASE_CLOCK_LABELS: Record<CaseClockKey, string> = {
  file: '立案审查', decide: '作出处理决定', statement: '陈述申辩/听证申请', serve: '送达处罚决定书', pay: '缴纳罚款', publish: '处罚信息公开',
};

export const CASE_CLOCK_SOURCES: Record<CaseClockKey, string> = {
  file: '生态环境行政处罚办法（生态环境部令第30号）：发现线索之日起十五日内决定是否立案，经批准可延长十五日',
  decide: '行政处罚法 第六十条：立案之日起九十日内作出决定；延期须经批准',
  statement: '行政处罚法 第四十五条、第六十四条、第八十五条：告知后五个工作日内提出陈述申辩、听证',
  serve: '行政处罚法 第六十一条、第八十五条：决定书当场交付，当事人不在场的七个工作日内送达',
  pay: '行政处罚法 第六十七条：收到决定书之日起十五日内缴纳罚款',
  publish: '行政处罚决定七个工作日内公开，其他执法结果二十个工作日内公开',
};
