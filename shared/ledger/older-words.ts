import { OUTFALL_TYPE_NAMES, type OutfallClassification, type OutfallType } from '../domain/outfall-types';

/*
 * Words older ledgers use for an outfall's classification, mapped to today's (issue 20). The second
 * national pollution-source census (第二次全国污染源普查, 2017) typed 入河排污口 as 工业废水 / 生活污水 /
 * 混合污水 and wrote entry modes such as 暗管; 国办函〔2022〕17号 and its 排查整治 guideline classify by source
 * (工业排污口, 城镇污水处理厂排污口, 农业排口, 其他排口) and 细类. Each mapping is said in the import's check step.
 */

/** Older or shortened type words → [type, 细类 or null when it cannot be told]. */
const OLDER_TYPES: [RegExp, OutfallType, string | null][] = [
  [/^工业(废水)?(排污口|排口)?$/, '工业排污口', '工业企业排污口'],
  [/^生活污水(排污口|排口)?$/, '其他排口', '城镇生活污水散排口'],
  [/^混合污水(排污口|排口)?$/, '其他排口', '其他'],
  [/^(城镇)?污水处理厂(排污口|排口)?$/, '城镇污水处理厂排污口', '城镇污水处理厂排污口'],
  [/^(农业|养殖)(排污口|排口)?$/, '农业排口', null],
  [/^(雨水|雨洪)(排口|排污口)?$/, '其他排口', '城镇雨洪排口'],
  [/^(待核定|待定|不详|未知|不确定)$/, '暂无法确定', '暂无法确定'],
];

/** Older entry modes and discharge patterns → today's words (排查整治 guideline). */
const OLDER: Record<string, [RegExp, string][]> = {
  entryMode: [[/^(暗管|管网|管道排放|埋管)$/, '管道'], [/^(明沟|沟渠|渠道)$/, '明渠'], [/^(涵洞|闸门|闸)$/, '涵闸'], [/^(泵|提升泵站)$/, '泵站']],
  dischargePattern: [[/^连续$/, '连续排放'], [/^(间歇|间断|间断排放)$/, '间歇排放'], [/^季节性$/, '季节性排放'], [/^(不排水|无|无排放)$/, '无排水']],
};

const plain = (s: string) => s.normalize('NFKC').replace(/\s/g, '');

/** Today's word for an older one in a field, or null when the text is not one of them. */
export function olderWord(field: string, text: string): string | null {
  const t = plain(text);
  for (const [re, word] of OLDER[field] ?? []) if (re.test(t)) return word;
  return null;
}

export type OutfallKind = { type: OutfallType; subType: string; notes: [field: string, message: string][] };

/**
 * An outfall's type and 细类 from a sheet's two cells: today's words as they are; a 细类 alone gives its
 * type; older words mapped; nothing readable → 暂无法确定 (待核定), said as a warning, never refused.
 */
export function outfallTypeOf(typeText: string, subText: string, c: OutfallClassification): OutfallKind {
  const t = plain(typeText);
  const s = plain(subText);
  const notes: OutfallKind['notes'] = [];
  const typeOfSub = (sub: string) => OUTFALL_TYPE_NAMES.find((x) => c[x].includes(sub));
  const known = OUTFALL_TYPE_NAMES.find((x) => x === t);
  if (s && typeOfSub(s)) {
    const own = typeOfSub(s)!;
    if (!t) notes.push(['type', `排口类型未填，按细类“${s}”定为“${own}”`]);
    else if (!known) notes.push(['type', `排口类型“${typeText}”按细类“${s}”定为“${own}”`]);
    // A known type that disagrees with the 细类 is left for the register's check to name.
    return { type: known ?? own, subType: s, notes };
  }
  const older = known ? undefined : OLDER_TYPES.find(([re]) => re.test(t) || (!t && re.test(s)));
  const type = known ?? older?.[1];
  if (type) {
    const subs = c[type];
    const sub = older?.[2] && subs.includes(older[2]) ? older[2] : subs.length === 1 ? subs[0] : null;
    if (older && !known) notes.push(['type', `排口类型“${typeText || subText}”按现行分类定为“${type}”${sub ? `（细类“${sub}”）` : ''}`]);
    if (sub) {
      if (s && s !== sub) notes.push(['subType', `细类“${subText}”不在现行分类中，按“${sub}”导入，待核定`]);
      return { type, subType: sub, notes };
    }
    notes.push(['subType', `${s ? `细类“${subText}”不在“${type}”的现行细类中` : '未填细类'}：按“暂无法确定”导入，待核定（原表类型“${typeText || type}”）`]);
    return { type: '暂无法确定', subType: '暂无法确定', notes };
  }
  notes.push([t ? 'type' : 'subType', `${t ? `排口类型“${typeText}”无法识别` : '未填排口类型和细类'}${s ? `（细类“${subText}”）` : ''}：按“暂无法确定”导入，待核定`]);
  return { type: '暂无法确定', subType: '暂无法确定', notes };
}
