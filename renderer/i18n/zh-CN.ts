/**
 * The words the shell and many pages share, in one place: the app's name, the navigation, common
 * buttons and messages (保存, 取消, 加载中…, 共 N 条), the person chooser, the titles and sections of
 * the enterprise and outfall pages, the settings sections' titles, the coordinate hint and systems.
 * It is not every string of the UI: a page's own words (its labels, hints, banners) are written beside
 * it in its feature folder, field names are in shared/api/labels.ts, and states and the core's
 * messages come from shared/ and the core.
 */
export const t = {
  appName: '清水', appSubtitle: '生态环境执法工作台',
  nav: { dashboard: '工作台', map: '地图', enterprises: '企业', outfalls: '排污口', inspections: '现场检查', findings: '问题整改', complaints: '信访投诉', cases: '案件查处', plans: '双随机', ledgers: '台账', sync: '同步', settings: '设置' },
  common: {
    save: '保存', cancel: '取消', edit: '编辑', remove: '删除', create: '新建', search: '搜索', all: '全部', loading: '加载中…',
    none: '—', yes: '是', no: '否', back: '返回列表', saved: '已保存', confirmRemove: '确定删除这条记录吗？删除后可在变更记录中追溯。',
    history: '变更记录', noHistory: '暂无变更记录', total: (n: number) => `共 ${n.toLocaleString('zh-CN')} 条`, fixErrors: '请先改正标红的项目',
  },
  person: {
    choose: '请选择当前工作人员', chooseHint: '每一条修改都会记录经办人。请在下面选择您本人。', current: '当前人员', switch: '切换',
  },
  enterprise: {
    list: '排污单位（一企一档）', new: '新建排污单位', edit: '编辑排污单位', searchPlaceholder: '搜索名称、信用代码、地址（任意部分）',
    keyUnitOnly: '仅重点排污单位', sections: { basic: '基本信息', location: '位置', contact: '联系人', other: '其他' },
  },
  outfall: {
    list: '入河排污口（一口一档）', new: '新建排污口', edit: '编辑排污口', searchPlaceholder: '搜索名称、编码（任意部分）',
    sections: { basic: '基本信息与编码', water: '受纳水体与位置', trace: '溯源与审批', remediation: '整治（一口一策）', other: '其他' },
  },
  settings: { workspace: '工作区', bureau: '单位设置', people: '人员名录', addPerson: '添加人员', regions: '区划目录' },
  coords: { hint: '可填小数度（115.054861）或度分秒（115°03′17.5″）', system: '坐标系' },
} as const;

/** The coordinate systems' names as forms and settings show them. */
export const COORD_SYSTEM_LABELS: Record<string, string> = {
  CGCS2000: 'CGCS2000（国家2000，天地图）', WGS84: 'WGS-84（GPS）', GCJ02: 'GCJ-02（高德、腾讯）', BD09: 'BD-09（百度）',
};
