/** A header text made comparable: no spaces or line breaks, half-width brackets. */
export function normalHeader(s: string): string {
  return s.replace(/[\s\u3000]/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/[*＊]/g, '');
}

/**
 * Header names seen in bureaus' enterprise ledgers, per field; a name under a merged group header is
 * also tried with the group in front ("行业" + "代码" = "行业代码").
 */
export const ENTERPRISE_HEADERS: Record<string, string[]> = {
  name: ['单位名称', '企业名称', '排污单位名称', '单位(企业)名称', '企业(单位)名称'],
  uscc: ['统一社会信用代码', '信用代码', '社会信用代码', '统一代码', '统一社会信用代码(组织机构代码)'],
  industryCode: ['行业代码', '行业类别代码', '国民经济行业代码', '行业类别(代码)'],
  industryName: ['行业名称', '行业类别名称', '所属行业', '行业类别'],
  permitClass: ['排污许可管理类别', '许可管理类别', '管理类别', '排污许可类别'],
  keyUnit: ['重点排污单位', '是否重点排污单位', '重点单位'],
  state: ['生产状态', '运行状态', '状态'],
  townName: ['所属镇街', '所在镇街', '镇街', '乡镇(街道)', '乡镇', '镇(街道)', '所属乡镇', '位置所属镇街', '位置乡镇(街道)'],
  villageName: ['所属村居', '村居', '村(社区)', '所在村', '所属村', '位置所属村居', '位置村(社区)'],
  address: ['详细地址', '地址', '生产经营场所地址', '位置详细地址', '单位地址'],
  lon: ['经度', '位置经度', '中心经度'],
  lat: ['纬度', '位置纬度', '中心纬度'],
  watershedName: ['所属流域', '流域'],
  legalRepresentative: ['法定代表人', '法人代表', '法人', '法定代表人(负责人)'],
  contactName: ['环保联系人', '联系人', '环保负责人', '环保联系人姓名'],
  contactPhone: ['联系电话', '电话', '环保联系人联系电话', '联系方式'],
  contactBoth: ['环保负责人及电话', '联系人及电话', '环保联系人及电话'],
  note: ['备注'],
};

export const ENTERPRISE_REQUIRED = ['name', 'uscc', 'townName'];

/** Header names seen in outfall ledgers (入河排污口排查整治台账), per field. */
export const OUTFALL_HEADERS: Record<string, string[]> = {
  name: ['排污口名称', '排口名称', '入河排污口名称', '名称'],
  code: ['排污口编码', '排口编码', '国家统一编码', '排污口编码(国家统一赋码)', '编码'],
  localCode: ['省市系统编码', '系统编码', '地方编码'],
  codeState: ['编码掌握情况', '编码状态'],
  type: ['排污口类型', '排口类型', '类型', '排污口类型类型'],
  subType: ['排污口细类', '细类', '排污口类型细类', '排口细类'],
  townName: ['乡镇(街道)', '所属镇街', '所在镇街', '镇街', '乡镇', '位置乡镇(街道)', '位置所属镇街'],
  villageName: ['村(社区)', '所属村居', '村居', '所在村', '位置村(社区)', '位置所属村居'],
  lon: ['经度', '位置经度'], lat: ['纬度', '位置纬度'],
  waterBodyName: ['受纳水体', '入河(湖)名称', '受纳水体名称'],
  watershedName: ['所属流域', '流域'],
  entryMode: ['入河方式'], dischargePattern: ['排放规律', '排放方式'],
  enterpriseName: ['责任主体(溯源)', '责任主体', '责任单位', '排污单位'],
  approvalState: ['审批/登记情况', '审批登记情况', '设置审批情况'],
  signState: ['标识牌', '标志牌', '标识牌设置'],
  remediationCategory: ['整治类型', '整治情况整治类型', '整治类别'], remediationState: ['整治进展', '整治情况整治进展'],
  nearestSection: ['断面名称', '下游国控断面断面名称', '下游最近国控断面', '国控断面'],
  sectionDistanceKm: ['距离(km)', '下游国控断面距离(km)', '距断面距离(km)'],
  note: ['备注'],
};

export const OUTFALL_REQUIRED = ['name', 'type', 'subType', 'townName'];

export type HeaderMatch = { headerRow: number; columns: Record<string, number>; unmatched: { col: number; text: string }[] };

/**
 * Finds the header row among the first 10 rows of a sheet (given as text) and maps each column to a
 * field: the row where most columns name a field wins; a merged group row above is understood.
 */
export function matchHeaders(rows: string[][], synonyms: Record<string, string[]>): HeaderMatch | null {
  const lookup = new Map<string, string>();
  for (const [field, names] of Object.entries(synonyms)) for (const n of names) lookup.set(normalHeader(n), field);
  let best: HeaderMatch | null = null;
  let bestCount = 0;
  for (let r = 0; r < Math.min(10, rows.length); r++) {
    const columns: Record<string, number> = {};
    const unmatched: { col: number; text: string }[] = [];
    rows[r].forEach((raw, c) => {
      const leaf = normalHeader(raw ?? '');
      if (!leaf) return;
      const parent = r > 0 ? normalHeader(rows[r - 1][c] ?? '') : '';
      const candidates = parent && parent !== leaf ? [parent + leaf, leaf] : [leaf];
      const field = candidates.map((x) => lookup.get(x)).find(Boolean);
      if (field && columns[field] === undefined) columns[field] = c;
      else if (!field && leaf !== '序号') unmatched.push({ col: c, text: raw });
    });
    const count = Object.keys(columns).length;
    if (count > bestCount) { best = { headerRow: r, columns, unmatched }; bestCount = count; }
  }
  return bestCount >= 2 ? best : null;
}

/** Header names seen in 督察交办 problem lists and 问题整改销号台账, per field. */
export const FINDING_HEADERS: Record<string, string[]> = {
  number: ['问题编号', '编号', '交办编号', '问题序号'],
  sourceLabel: ['问题来源', '来源', '交办来源'],
  description: ['问题描述', '问题内容', '具体问题', '反映问题', '问题'],
  townName: ['属地镇街', '所属镇街', '镇街', '乡镇(街道)', '责任镇街'],
  targetName: ['涉及对象', '涉及单位', '问题单位', '点位名称'],
  goal: ['整改目标'],
  measures: ['整改措施', '整改情况整改措施'],
  responsibleUnit: ['牵头单位', '责任单位', '责任单位牵头单位', '牵头责任单位'],
  partnerUnits: ['配合单位', '责任单位配合单位'],
  leader: ['责任领导', '责任人责任领导', '分管领导'],
  responsiblePerson: ['责任人', '责任人责任人', '具体责任人'],
  deadline: ['整改时限', '完成时限', '整改情况整改时限', '整改期限'],
  foundAt: ['交办日期', '交办时间', '发现日期'],
};

export const FINDING_REQUIRED = ['sourceLabel', 'description', 'townName', 'responsibleUnit', 'responsiblePerson', 'deadline'];
