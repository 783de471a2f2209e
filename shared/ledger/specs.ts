import { CASE_STATE_LABELS } from '../case/fold';
import { COMPLAINT_CATEGORIES } from '../complaint/fold';
import { ENTERPRISE_STATES, PERMIT_CLASSES } from '../domain/enterprise-fields';
import { OUTFALL_TYPE_NAMES, REMEDIATION_STATES } from '../domain/outfall-types';
import type { LedgerSpec } from './spec';

const enterprises: LedgerSpec = {
  id: 'enterprises', name: '排污单位名录', title: '{county}排污单位名录', source: 'enterprises',
  filters: ['towns', 'watershed', 'type', 'state'], typeOptions: PERMIT_CLASSES, stateOptions: ENTERPRISE_STATES,
  columns: [
    { key: 'name', header: ['单位名称'], width: 28, wrap: true },
    { key: 'uscc', header: ['统一社会信用代码'], width: 22 },
    { key: 'industryCode', header: ['行业类别', '代码'], width: 8 },
    { key: 'industryName', header: ['行业类别', '名称'], width: 16, wrap: true },
    { key: 'permitClass', header: ['排污许可管理类别'], width: 10 },
    { key: 'keyUnit', header: ['重点排污单位'], width: 8, format: 'bool' },
    { key: 'townName', header: ['位置', '所属镇街'], width: 10 },
    { key: 'villageName', header: ['位置', '所属村居'], width: 12 },
    { key: 'address', header: ['位置', '详细地址'], width: 26, wrap: true },
    { key: 'lon', header: ['位置', '经度'], width: 14, format: 'coord' },
    { key: 'lat', header: ['位置', '纬度'], width: 14, format: 'coord' },
    { key: 'watershedName', header: ['所属流域'], width: 10 },
    { key: 'state', header: ['生产状态'], width: 8 },
    { key: 'legalRepresentative', header: ['法定代表人'], width: 10 },
    { key: 'contactName', header: ['环保联系人', '姓名'], width: 10 },
    { key: 'contactPhone', header: ['环保联系人', '联系电话'], width: 15 },
    { key: 'note', header: ['备注'], width: 16, wrap: true },
  ],
  notes: ['说明：坐标系为 CGCS2000；“重点排污单位”按本年度重点排污单位名录填写。'],
};

const outfalls: LedgerSpec = {
  id: 'outfalls', name: '入河排污口排查整治台账', title: '{county}入河排污口排查整治台账', source: 'outfalls',
  filters: ['towns', 'watershed', 'type', 'state'], typeOptions: OUTFALL_TYPE_NAMES, stateOptions: REMEDIATION_STATES,
  columns: [
    { key: 'name', header: ['排污口名称'], width: 26, wrap: true },
    { key: 'code', header: ['排污口编码'], width: 20 },
    { key: 'type', header: ['排污口类型', '类型'], width: 14, wrap: true },
    { key: 'subType', header: ['排污口类型', '细类'], width: 18, wrap: true },
    { key: 'townName', header: ['位置', '乡镇（街道）'], width: 10 },
    { key: 'villageName', header: ['位置', '村（社区）'], width: 12 },
    { key: 'lon', header: ['位置', '经度'], width: 14, format: 'coord' },
    { key: 'lat', header: ['位置', '纬度'], width: 14, format: 'coord' },
    { key: 'waterBodyName', header: ['受纳水体'], width: 10 },
    { key: 'watershedName', header: ['所属流域'], width: 10 },
    { key: 'entryMode', header: ['入河方式'], width: 8 },
    { key: 'dischargePattern', header: ['排放规律'], width: 8 },
    { key: 'enterpriseName', header: ['责任主体（溯源）'], width: 22, wrap: true },
    { key: 'approvalState', header: ['审批/登记情况'], width: 10 },
    { key: 'signState', header: ['标识牌'], width: 9 },
    { key: 'remediationCategory', header: ['整治情况', '整治类型'], width: 10 },
    { key: 'remediationState', header: ['整治情况', '整治进展'], width: 9 },
    { key: 'nearestSection', header: ['下游国控断面', '断面名称'], width: 14 },
    { key: 'sectionDistanceKm', header: ['下游国控断面', '距离（km）'], width: 9, format: 'number' },
    { key: 'note', header: ['备注'], width: 14, wrap: true },
  ],
  notes: ['说明：整治类型按“一口一策”填写依法取缔、清理合并或规范整治；坐标系为 CGCS2000。'],
};

const inspections: LedgerSpec = {
  id: 'inspections', name: '现场检查台账', title: '{county}生态环境现场检查台账', source: 'inspections',
  filters: ['period', 'towns', 'type', 'state'], typeOptions: ['排污单位', '入河排污口', '其他场所'], stateOptions: ['已定稿', '已被更正', '草稿'],
  columns: [
    { key: 'startedAt', header: ['检查日期'], width: 13, format: 'date' },
    { key: 'targetName', header: ['检查对象', '名称'], width: 26, wrap: true },
    { key: 'targetKind', header: ['检查对象', '类别'], width: 10 },
    { key: 'townName', header: ['所属镇街'], width: 10 },
    { key: 'templateName', header: ['检查内容（检查表）'], width: 22, wrap: true },
    { key: 'officers', header: ['执法人员', '姓名及执法证号'], width: 30, wrap: true },
    { key: 'recorder', header: ['执法人员', '记录人'], width: 8 },
    { key: 'failingCount', header: ['检查结果', '不符合项'], width: 8, format: 'integer' },
    { key: 'findings', header: ['检查结果', '发现的问题'], width: 36, wrap: true },
    { key: 'state', header: ['记录状态'], width: 9 },
    { key: 'recordNo', header: ['记录编号（SHA-256 前 12 位）'], width: 16 },
  ],
};

const findings: LedgerSpec = {
  id: 'findings', name: '问题整改销号台账', title: '{county}生态环境问题整改销号台账', source: 'findings',
  filters: ['period', 'towns', 'state'], stateOptions: ['整改中', '超期', '已销号'],
  columns: [
    { key: 'findingNo', header: ['问题编号'], width: 14 },
    { key: 'sourceLabel', header: ['问题来源'], width: 16, wrap: true },
    { key: 'description', header: ['问题描述'], width: 34, wrap: true },
    { key: 'townName', header: ['属地镇街'], width: 10 },
    { key: 'targetName', header: ['涉及对象'], width: 22, wrap: true },
    { key: 'goal', header: ['整改目标'], width: 16, wrap: true },
    { key: 'responsibleUnit', header: ['责任单位', '牵头单位'], width: 18, wrap: true },
    { key: 'partnerUnits', header: ['责任单位', '配合单位'], width: 12, wrap: true },
    { key: 'leader', header: ['责任人', '责任领导'], width: 9 },
    { key: 'responsiblePerson', header: ['责任人', '责任人'], width: 9 },
    { key: 'measures', header: ['整改情况', '整改措施'], width: 24, wrap: true },
    { key: 'deadline', header: ['整改情况', '整改时限'], width: 13, format: 'date' },
    { key: 'isOverdue', header: ['整改情况', '是否超期'], width: 7 },
    { key: 'overdueDays', header: ['整改情况', '超期天数'], width: 7, format: 'integer' },
    { key: 'progress', header: ['整改情况', '整改进展'], width: 16, wrap: true },
    { key: 'closedAt', header: ['整改情况', '销号日期'], width: 13, format: 'date' },
    { key: 'done', header: ['是否完成'], width: 7 },
    { key: 'acceptedAt', header: ['验收', '日期'], width: 13, format: 'date' },
    { key: 'acceptedBy', header: ['验收', '单位'], width: 12 },
    { key: 'noticeFrom', header: ['公示', '起'], width: 13, format: 'date' },
    { key: 'noticeTo', header: ['公示', '止'], width: 13, format: 'date' },
    { key: 'evidence', header: ['佐证材料'], width: 14, wrap: true },
  ],
  notes: ['说明：问题来源填写中央督察交办、省级督察交办、自查发现（现场检查）、信访投诉或监测发现。'],
};

/** The closed loop's ledgers: complaints, cases, random plans. */
const complaints: LedgerSpec = {
  id: 'complaints', name: '信访投诉办理台账', title: '{county}生态环境信访投诉办理台账', source: 'complaints',
  filters: ['period', 'towns', 'type', 'state'], typeOptions: COMPLAINT_CATEGORIES, stateOptions: ['办理中', '已办结'],
  columns: [
    { key: 'number', header: ['信访编号'], width: 14 },
    { key: 'channel', header: ['来源渠道'], width: 10 },
    { key: 'receivedAt', header: ['受理时间'], width: 13, format: 'date' },
    { key: 'complainant', header: ['投诉人'], width: 9 },
    { key: 'content', header: ['反映问题'], width: 34, wrap: true },
    { key: 'categories', header: ['问题类别'], width: 10 },
    { key: 'townName', header: ['所属镇街'], width: 10 },
    { key: 'targetName', header: ['被投诉对象'], width: 22, wrap: true },
    { key: 'dueAt', header: ['办理时限'], width: 13, format: 'date' },
    { key: 'verification', header: ['办理情况', '核查情况'], width: 26, wrap: true },
    { key: 'outcome', header: ['办理情况', '处理结果'], width: 16, wrap: true },
    { key: 'closedAt', header: ['办理情况', '办结时间'], width: 13, format: 'date' },
    { key: 'reply', header: ['回复情况'], width: 14, wrap: true },
    { key: 'overdue', header: ['是否超期'], width: 7 },
  ],
};

const cases: LedgerSpec = {
  id: 'cases', name: '行政处罚案件台账', title: '{county}生态环境行政处罚案件台账', source: 'cases',
  filters: ['period', 'towns', 'state'], stateOptions: Object.values(CASE_STATE_LABELS),
  columns: [
    { key: 'caseNo', header: ['立案', '案件编号'], width: 16 },
    { key: 'openedAt', header: ['立案', '立案日期'], width: 13, format: 'date' },
    { key: 'partyName', header: ['当事人', '名称'], width: 24, wrap: true },
    { key: 'partyUscc', header: ['当事人', '统一社会信用代码'], width: 22 },
    { key: 'violation', header: ['违法行为'], width: 30, wrap: true },
    { key: 'legalBasis', header: ['处罚依据'], width: 24, wrap: true },
    { key: 'decisionNo', header: ['处罚决定', '决定书文号'], width: 18 },
    { key: 'fine', header: ['处罚决定', '罚款（万元）'], width: 10, format: 'number' },
    { key: 'decidedAt', header: ['处罚决定', '决定日期'], width: 13, format: 'date' },
    { key: 'transferred', header: ['移送公安'], width: 8 },
    { key: 'publishedAt', header: ['公开', '公开日期'], width: 13, format: 'date' },
    { key: 'publishDue', header: ['公开', '公开期限'], width: 13, format: 'date' },
    { key: 'state', header: ['案件状态'], width: 9 },
  ],
};

const randomChecks: LedgerSpec = {
  id: 'random-checks', name: '双随机抽查结果公示表', title: '{county}生态环境“双随机、一公开”抽查结果公示表', source: 'plans',
  filters: ['period', 'towns'],
  columns: [
    { key: 'matter', header: ['抽查事项'], width: 18, wrap: true },
    { key: 'targetName', header: ['抽查对象', '名称'], width: 26, wrap: true },
    { key: 'targetUscc', header: ['抽查对象', '统一社会信用代码'], width: 22 },
    { key: 'category', header: ['抽查对象', '类别'], width: 8 },
    { key: 'checkedAt', header: ['抽查时间'], width: 13, format: 'date' },
    { key: 'officers', header: ['执法人员'], width: 16, wrap: true },
    { key: 'result', header: ['抽查结果'], width: 22, wrap: true },
    { key: 'handling', header: ['处理情况'], width: 18, wrap: true },
    { key: 'publishedAt', header: ['公示日期'], width: 13, format: 'date' },
    { key: 'publication', header: ['公示情况'], width: 20, wrap: true },
  ],
};

/** Every ledger the workbench knows, in the order the 台账 page lists them. */
export const LEDGER_SPECS: LedgerSpec[] = [enterprises, outfalls, inspections, findings, complaints, cases, randomChecks];


export function ledgerSpec(id: string): LedgerSpec | undefined {
  return LEDGER_SPECS.find((s) => s.id === id);
}
