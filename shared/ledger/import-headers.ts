import { AUTO, normalHeader, rankFields, SUGGEST, type FieldLexicon } from './header-meaning';

export { normalHeader } from './header-meaning';

/** A coordinate split over 度 / 分 / 秒 columns (under a 经度 group, or 经度(度)…): its three parts. */
const DMS_PARTS = (axis: '经度' | '纬度', alt: string): Record<string, FieldLexicon> => {
  const key = axis === '经度' ? 'lon' : 'lat';
  return {
    [`${key}Deg`]: { names: [], words: [[axis, '度'], [alt, '度']] },
    [`${key}Min`]: { names: [], words: [[axis, '分'], [alt, '分']] },
    [`${key}Sec`]: { names: [], words: [[axis, '秒'], [alt, '秒']] },
  };
};

/** The town (乡镇/街道) a record lies in, however a ledger words it. */
const TOWN: FieldLexicon = {
  names: ['所属镇街', '所在镇街', '镇街', '乡镇(街道)', '乡镇', '镇(街道)', '所属乡镇', '位置所属镇街', '位置乡镇(街道)', '所在乡镇', '所属镇(街道)', '乡镇街道'],
  words: [['乡镇'], ['镇街'], ['镇', '街道'], ['街道'], ['乡', '镇'], ['镇']],
};
const VILLAGE: FieldLexicon = {
  names: ['所属村居', '村居', '村(社区)', '所在村', '所属村', '位置所属村居', '位置村(社区)', '行政村', '村(居)'],
  words: [['村', '社区'], ['村居'], ['村', '居'], ['行政村'], ['村']],
};
const LON: FieldLexicon = { names: ['经度', '位置经度', '中心经度', '东经'], words: [['经度'], ['东经']] };
const LAT: FieldLexicon = { names: ['纬度', '位置纬度', '中心纬度', '北纬'], words: [['纬度'], ['北纬']] };
const WATERSHED: FieldLexicon = { names: ['所属流域', '流域'], words: [['流域']] };
const NOTE: FieldLexicon = { names: ['备注'], words: [['备注'], ['说明']] };

/**
 * What each field of an enterprise ledger is called: the wordings seen in bureaus' ledgers (a name
 * under a merged group header is also tried with the group in front: "行业" + "代码") and key words.
 */
export const ENTERPRISE_HEADERS: Record<string, FieldLexicon> = {
  name: { names: ['单位名称', '企业名称', '排污单位名称', '单位(企业)名称', '企业(单位)名称', '公司名称'], words: [['单位', '名称'], ['企业', '名称'], ['公司', '名称'], ['企业', '全称'], ['单位', '全称'], ['单位'], ['企业'], ['公司'], ['名称'], ['全称']] },
  uscc: { names: ['统一社会信用代码', '信用代码', '社会信用代码', '统一代码', '统一社会信用代码(组织机构代码)'], words: [['信用代码'], ['统一', '代码'], ['组织机构代码']] },
  permitNumber: { names: ['排污许可证编号', '许可证编号', '排污许可证号', '许可证号'], words: [['许可证', '编号'], ['许可证', '号']] },
  industryCode: { names: ['行业代码', '行业类别代码', '国民经济行业代码', '行业类别(代码)'], words: [['行业', '代码']] },
  industryName: { names: ['行业名称', '行业类别名称', '所属行业', '行业类别'], words: [['行业', '名称'], ['行业', '类别'], ['行业']] },
  permitClass: { names: ['排污许可管理类别', '许可管理类别', '管理类别', '排污许可类别'], words: [['管理', '类别'], ['许可', '类别']] },
  keyUnit: { names: ['重点排污单位', '是否重点排污单位', '重点单位', '环境监管重点单位'], words: [['重点', '单位']] },
  state: { names: ['生产状态', '运行状态', '状态', '生产经营状态'], words: [['生产', '状态'], ['运行', '状态'], ['状态']] },
  townName: TOWN,
  villageName: VILLAGE,
  address: { names: ['详细地址', '地址', '生产经营场所地址', '位置详细地址', '单位地址', '注册地址'], words: [['地址'], ['场所'], ['住所']] },
  lon: LON, lat: LAT, ...DMS_PARTS('经度', '东经'), ...DMS_PARTS('纬度', '北纬'),
  watershedName: WATERSHED,
  legalRepresentative: { names: ['法定代表人', '法人代表', '法人', '法定代表人(负责人)'], words: [['法定代表人'], ['法人'], ['负责人']] },
  contactName: { names: ['环保联系人', '联系人', '环保负责人', '环保联系人姓名'], words: [['联系人'], ['环保', '负责人']] },
  contactPhone: { names: ['联系电话', '电话', '环保联系人联系电话', '联系方式', '手机', '手机号码'], words: [['电话'], ['联系方式'], ['手机']] },
  contactBoth: { names: ['环保负责人及电话', '联系人及电话', '环保联系人及电话'], words: [['联系人', '电话'], ['负责人', '电话']] },
  note: NOTE,
};

/** What identifies an enterprise: its name and where it is (a town, or coordinates the town is found from). */
export const ENTERPRISE_REQUIRED = ['name', 'townName'];

/** What each field of an outfall ledger (入河排污口排查整治台账) is called. */
export const OUTFALL_HEADERS: Record<string, FieldLexicon> = {
  name: { names: ['排污口名称', '排口名称', '入河排污口名称', '名称'], words: [['排污口', '名称'], ['排口', '名称'], ['名称']] },
  code: { names: ['排污口编码', '排口编码', '国家统一编码', '排污口编码(国家统一赋码)', '编码', '入河排污口编码'], words: [['排污口', '编码'], ['排口', '编码'], ['统一', '编码'], ['编码'], ['编号']] },
  localCode: { names: ['省市系统编码', '系统编码', '地方编码'], words: [['系统', '编码'], ['地方', '编码']] },
  codeState: { names: ['编码掌握情况', '编码状态'], words: [['编码', '掌握'], ['编码', '状态']] },
  type: { names: ['排污口类型', '排口类型', '类型', '排污口类型类型', '排污口分类', '排口类别', '排污口类别'], words: [['排污口', '类型'], ['排口', '类型'], ['类型'], ['排污口', '类别'], ['排口', '类别'], ['排污口', '分类'], ['类别'], ['分类']] },
  subType: { names: ['排污口细类', '细类', '排污口类型细类', '排口细类', '排污口类型细分'], words: [['细类'], ['细分'], ['小类'], ['二级', '类']] },
  townName: TOWN,
  villageName: VILLAGE,
  lon: LON, lat: LAT, ...DMS_PARTS('经度', '东经'), ...DMS_PARTS('纬度', '北纬'),
  waterBodyName: { names: ['受纳水体', '入河(湖)名称', '受纳水体名称', '排入水体', '纳污水体', '入河名称'], words: [['受纳', '水体'], ['排入', '水体'], ['纳污', '水体'], ['入河', '名称'], ['受纳'], ['水体'], ['河流', '名称'], ['排入', '河']] },
  watershedName: WATERSHED,
  entryMode: { names: ['入河方式', '排放方式(入河方式)'], words: [['入河', '方式'], ['入湖', '方式'], ['排入', '方式']] },
  dischargePattern: { names: ['排放规律', '排放方式'], words: [['排放', '规律'], ['排放', '方式']] },
  enterpriseName: { names: ['责任主体(溯源)', '责任主体', '责任单位', '排污单位', '排污单位名称', '溯源结果'], words: [['责任', '主体'], ['责任', '单位'], ['排污', '单位'], ['溯源']] },
  approvalState: { names: ['审批/登记情况', '审批登记情况', '设置审批情况'], words: [['审批'], ['登记']] },
  signState: { names: ['标识牌', '标志牌', '标识牌设置'], words: [['标识牌'], ['标志牌'], ['标识']] },
  remediationCategory: { names: ['整治类型', '整治情况整治类型', '整治类别'], words: [['整治', '类型'], ['整治', '类别'], ['整治', '方式']] },
  remediationState: { names: ['整治进展', '整治情况整治进展'], words: [['整治', '进展'], ['整治', '进度'], ['整治', '状态']] },
  nearestSection: { names: ['断面名称', '下游国控断面断面名称', '下游最近国控断面', '国控断面'], words: [['断面', '名称'], ['断面']] },
  sectionDistanceKm: { names: ['距离(km)', '下游国控断面距离(km)', '距断面距离(km)', '距离'], words: [['距离']] },
  note: NOTE,
};

/** What identifies an outfall: its name and where it is; its type and 细类 are 待核定 when the sheet has none. */
export const OUTFALL_REQUIRED = ['name', 'townName'];

export type HeaderMatch = {
  headerRow: number; columns: Record<string, number>; unmatched: { col: number; text: string }[];
  /** Per column not read as a field: the fields it may be, best first (offered in 列对应, never silently dropped). */
  suggestions: Record<number, string[]>;
};

/** A column's header as read: its own text, and with the group above it in front (位置 + 经度). */
function headerTexts(rows: string[][], r: number, c: number): string[] {
  const leaf = rows[r][c] ?? '';
  const parent = r > 0 ? rows[r - 1][c] ?? '' : '';
  const grand = r > 1 ? rows[r - 2][c] ?? '' : '';
  const out = [leaf];
  if (parent && normalHeader(parent) !== normalHeader(leaf)) out.unshift(parent + leaf);
  if (grand && normalHeader(grand) !== normalHeader(parent) && normalHeader(grand) !== normalHeader(leaf)) out.unshift(grand + parent + leaf);
  return out;
}

/** The best reading of one row as the header: each column's field by score, a field taken by its best column. */
function readRow(rows: string[][], r: number, lexicon: Record<string, FieldLexicon>, remembered?: Record<string, string>): { match: HeaderMatch; score: number } {
  const ranked: { col: number; text: string; fields: { field: string; score: number }[] }[] = [];
  rows[r].forEach((raw, c) => {
    if (!normalHeader(raw ?? '') || /^(序号|编号序号|no\.?)$/i.test(normalHeader(raw))) return;
    const byField = new Map<string, number>();
    for (const t of headerTexts(rows, r, c)) for (const s of rankFields(t, lexicon)) byField.set(s.field, Math.max(byField.get(s.field) ?? 0, s.score));
    ranked.push({ col: c, text: raw, fields: [...byField].map(([field, score]) => ({ field, score })).sort((a, b) => b.score - a.score) });
  });
  const columns: Record<string, number> = {};
  const taken = new Set<number>();
  // A mapping the person confirmed for this header before is taken as it was.
  for (const [text, field] of Object.entries(remembered ?? {})) {
    const col = ranked.find((x) => normalHeader(x.text) === text && !taken.has(x.col));
    if (col && field && lexicon[field] && columns[field] === undefined) { columns[field] = col.col; taken.add(col.col); }
    else if (col && !field) taken.add(col.col);
  }
  let score = 0;
  const pairs = ranked.flatMap((x) => x.fields.map((f) => ({ col: x.col, ...f }))).sort((a, b) => b.score - a.score || a.col - b.col);
  for (const p of pairs) {
    if (p.score < AUTO || taken.has(p.col) || columns[p.field] !== undefined) continue;
    columns[p.field] = p.col; taken.add(p.col); score += p.score;
  }
  const suggestions: Record<number, string[]> = {};
  const unmatched: { col: number; text: string }[] = [];
  for (const x of ranked) {
    if (taken.has(x.col)) continue;
    unmatched.push({ col: x.col, text: x.text });
    const guesses = x.fields.filter((f) => f.score >= SUGGEST && columns[f.field] === undefined).map((f) => f.field);
    if (guesses.length) suggestions[x.col] = guesses.slice(0, 4);
  }
  return { match: { headerRow: r, columns, unmatched, suggestions }, score };
}

/**
 * Finds the header row among the first 12 rows of a sheet (given as text) and reads each column as a
 * field by meaning (`header-meaning.ts`): the row whose columns best name fields wins — so a title row,
 * a group row above (位置 over 经度/纬度) or a notes row below is never taken for it. `remembered`:
 * normalised header text → field, as a person confirmed for a sheet with this header before.
 */
export function matchHeaders(rows: string[][], lexicon: Record<string, FieldLexicon>, remembered?: Record<string, string>): HeaderMatch | null {
  let best: { match: HeaderMatch; score: number } | null = null;
  for (let r = 0; r < Math.min(12, rows.length); r++) {
    const read = readRow(rows, r, lexicon, remembered);
    if (!best || read.score > best.score + 1e-9) best = read;
  }
  return best && Object.keys(best.match.columns).length >= 2 ? best.match : null;
}

/** The key a header row is remembered by: its columns' normalised texts, in order. */
export function headerKey(row: string[]): string {
  return row.map((t) => normalHeader(t ?? '')).join('|');
}

/** Header names seen in 督察交办 problem lists and 问题整改销号台账, per field. */
const FINDING_NAMES: Record<string, string[]> = {
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

export const FINDING_HEADERS: Record<string, FieldLexicon> = Object.fromEntries(Object.entries(FINDING_NAMES).map(([f, names]) => [f, { names, words: [] }]));

export const FINDING_REQUIRED = ['sourceLabel', 'description', 'townName', 'responsibleUnit', 'responsiblePerson', 'deadline'];
