/**
 * Chinese names of record fields: the one place forms, detail pages, change history and error
 * messages take them from. A field may be named differently per kind of record (名称 of an
 * enterprise is 单位名称, of an outfall 排污口名称).
 */
export const FIELD_LABELS: Record<string, string> = {
  name: '名称', uscc: '统一社会信用代码', pollutionSourceCode: '污染源编码（HJ 608）', industryCode: '行业代码（GB/T 4754）',
  permitClass: '排污许可管理类别', keyUnit: '重点排污单位', state: '生产状态', address: '地址',
  townCode: '所属镇街', villageCode: '所属村居', watershedId: '流域', lon: '经度', lat: '纬度', coordSystem: '坐标系',
  legalRepresentative: '法定代表人', contactName: '环保联系人', contactPhone: '联系电话', tags: '标签', note: '备注',
  code: '排污口编码（国家统一赋码）', localCode: '省市系统编码', codeState: '编码掌握情况', type: '排污口类型',
  subType: '排污口细类', waterBodyId: '受纳水体', entryMode: '入河方式', dischargePattern: '排放规律',
  enterpriseId: '责任主体（溯源）', approvalState: '审批/登记情况', signState: '标识牌设置', remediationCategory: '整治类型',
  remediationState: '整治进展', nearestSection: '下游最近国控断面', sectionDistanceKm: '距断面距离（km）',
  dischargeStandard: '执行标准（排放限值）', permitLimits: '许可排放限值',
  permitNumber: '排污许可证编号', permitIssuer: '发证机关', permitValidFrom: '许可证有效期起', permitValidTo: '许可证有效期至',
  registrationNumber: '排污登记编号', keyUnitCategories: '环境监管重点单位类别',
  responsibleKind: '责任主体类别', responsibleName: '责任主体名称', responsibleUscc: '责任主体统一社会信用代码', responsibleContact: '责任主体联系人',
  responsiblePhone: '责任主体联系电话', approvalNumber: '设置审批/备案文号', approvalDate: '审批（备案）日期', remediationMeasures: '整治措施',
  remediationPlannedAt: '计划完成日期', remediationDoneAt: '实际完成日期', postMonitoring: '整治后监测情况', closureEvidence: '销号佐证材料',
  role: '人员类别', certificateNo: '执法证号', unit: '单位', post: '职务', phone: '电话', active: '在岗',
  deletedAt: '删除时间', value: '值', bureauName: '填报单位', countyCode: '县级区划代码', countyName: '县（市、区）名称',
  defaultCoordSystem: '默认坐标系', contactPhoneOfBureau: '联系电话', parentCode: '上级区划', level: '层级', kind: '类别',
  id: '编号', patch: '修改内容', personId: '人员',
  inspectionNotice: '检查告知内容',
  startedAt: '检查开始时间', endedAt: '检查结束时间', place: '检查地点', officerIds: '执法人员', officers: '执法人员',
  recorderId: '记录人', positionSource: '定位方式', body: '现场检查情况', 'present.name': '在场人姓名',
  'present.idNumber': '在场人身份证号', 'present.post': '在场人职务', 'present.phone': '在场人电话', siteName: '场所名称',
  templateId: '检查表', json: '模板文件', reason: '更正原因', signerName: '签名人', base64: '照片文件',
  responsibleUnit: '责任单位', responsiblePerson: '责任人', deadline: '整改时限', measures: '整改措施', description: '问题描述',
};

const BY_ENTITY: Record<string, Record<string, string>> = {
  enterprise: { name: '单位名称' },
  enterprises: { name: '单位名称' },
  outfall: { name: '排污口名称' },
  outfalls: { name: '排污口名称' },
  person: { name: '姓名' },
  people: { name: '姓名' },
};

/** The name of a field (of a kind of record, when given), or the key itself. */
export function labelOf(field: string, entity?: string): string {
  return (entity && BY_ENTITY[entity]?.[field]) ?? FIELD_LABELS[field] ?? field;
}
