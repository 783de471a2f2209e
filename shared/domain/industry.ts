/** 国民经济行业分类 (GB/T 4754-2017): section letter + 4-digit class. */

export const INDUSTRY_SECTIONS: Record<string, string> = {
  A: '农、林、牧、渔业', B: '采矿业', C: '制造业', D: '电力、热力、燃气及水生产和供应业', E: '建筑业',
  F: '批发和零售业', G: '交通运输、仓储和邮政业', H: '住宿和餐饮业', I: '信息传输、软件和信息技术服务业',
  J: '金融业', K: '房地产业', L: '租赁和商务服务业', M: '科学研究和技术服务业',
  N: '水利、环境和公共设施管理业', O: '居民服务、修理和其他服务业', P: '教育', Q: '卫生和社会工作',
  R: '文化、体育和娱乐业', S: '公共管理、社会保障和社会组织', T: '国际组织',
};

/** Classes that county bureaus meet most; the field also accepts any well-formed code. */
export const COMMON_INDUSTRY_CLASSES: Record<string, string> = {
  A0313: '猪的饲养', A0412: '内陆养殖', B1019: '粘土及其他土砂石开采', C1311: '稻谷加工',
  C1391: '淀粉及淀粉制品制造', C1441: '液体乳制造', C1512: '白酒制造', C1713: '棉印染精加工',
  C1910: '皮革鞣制加工', C2110: '木质家具制造', C2211: '木竹浆制造', C2221: '机制纸及纸板制造',
  C2614: '有机化学原料制造', C2625: '有机肥料及微生物肥料制造', C2641: '涂料制造', C2710: '化学药品原料药制造',
  C2921: '塑料薄膜制造', C3011: '水泥制造', C3021: '水泥制品制造', C3031: '粘土砖瓦及建筑砌块制造',
  C3130: '钢压延加工', C3360: '金属表面处理及热处理加工', C3841: '锂离子电池制造', C3982: '电子电路制造',
  D4411: '火力发电', D4430: '热力生产和供应', D4620: '污水处理及其再生利用', O8111: '汽车修理与维护',
};

/** Null when `code` is a section letter followed by a 2-, 3- or 4-digit GB/T 4754 code. */
export function industryCodeProblem(code: string): string | null {
  if (!/^[A-T](\d{2}|\d{3}|\d{4})$/.test(code)) return '行业代码应为门类字母加2–4位数字，例如 C2614';
  return null;
}

/** The class name when known, else the section name. */
export function industryName(code: string): string {
  return COMMON_INDUSTRY_CLASSES[code] ?? INDUSTRY_SECTIONS[code[0]] ?? '';
}
