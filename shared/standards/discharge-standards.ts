/**
 * Discharge limits (排放限值) a sampled discharge is judged against (issue 19: "discharge is judged against
 * discharge limits, not the receiving water's quality class"). An enterprise or an outfall names the
 * standard that applies to it (`dischargeStandard`); its permit's limits, where entered, take precedence
 * (`PERMIT_STANDARD`: also the way to apply a sector's or a province's own standard). GB 3838-2002 (地表水
 * Ⅰ–Ⅴ类) is a water-quality standard for the receiving water body and its 断面 (`surface-water.ts`), never
 * a discharge limit.
 *
 * Figures, mg/L unless said (pH 无量纲), maxima unless `min`:
 * - GB 18918-2002《城镇污水处理厂污染物排放标准》表1 基本控制项目最高允许排放浓度（日均值）. 氨氮: the
 *   value outside the brackets applies when the water is above 12 ℃, the bracketed one at or below 12 ℃
 *   (表1 注); 总磷 differs for plants built before 2006-01-01 and from then on.
 * - GB 8978-1996《污水综合排放标准》表4 第二类污染物最高允许排放浓度（1998年1月1日后建设的单位），
 *   “其他排污单位” rows: COD 一级 100 / 二级 150 / 三级 500 (the 100 mg/L is 一级, not 二级); BOD₅
 *   20 / 30 / 300; SS 70 / 150 / 400; 氨氮 15 / 25 / —; 磷酸盐（以P计）0.5 / 1.0 / —; pH 6–9.
 *   A sector with its own standard (纺织染整 GB 4287, 制浆造纸 GB 3544 …) is applied through its permit.
 */

export const POLLUTANTS = {
  ph: { name: 'pH', unit: '无量纲' },
  cod: { name: '化学需氧量（COD）', unit: 'mg/L' },
  bod5: { name: '五日生化需氧量（BOD₅）', unit: 'mg/L' },
  ss: { name: '悬浮物（SS）', unit: 'mg/L' },
  nh3n: { name: '氨氮（NH₃-N）', unit: 'mg/L' },
  tn: { name: '总氮（以N计）', unit: 'mg/L' },
  tp: { name: '总磷（以P计）', unit: 'mg/L' },
} as const;
export type Pollutant = keyof typeof POLLUTANTS;
export const POLLUTANT_KEYS = Object.keys(POLLUTANTS) as Pollutant[];

/** One pollutant's limit: `max` (and for 氨氮 under GB 18918 `maxCold`, at or below 12 ℃), or a range (pH). */
export type Limit = { min?: number; max?: number; maxCold?: number };

export type DischargeStandard = {
  id: string;
  /** As printed on a record: the standard and its grade. */
  name: string;
  /** Where the figures come from (standard, table). */
  source: string;
  /** Who it is for (shown when choosing). */
  appliesTo: string;
  limits: Partial<Record<Pollutant, Limit>>;
};

const PH: Limit = { min: 6, max: 9 };
const GB18918_SOURCE = 'GB 18918-2002《城镇污水处理厂污染物排放标准》表1';
const GB8978_SOURCE = 'GB 8978-1996《污水综合排放标准》表4（1998年1月1日后建设的单位，其他排污单位）';

/** The grades of GB 18918-2002 (with 总磷 for a plant built before 2006 and from 2006 on). */
function gb18918(grade: string, label: string, l: { cod: number; bod5: number; ss: number; tn?: number; nh3n?: Limit; tpOld: number; tpNew: number }): DischargeStandard[] {
  const base = { ph: PH, cod: { max: l.cod }, bod5: { max: l.bod5 }, ss: { max: l.ss }, ...(l.tn ? { tn: { max: l.tn } } : {}), ...(l.nh3n ? { nh3n: l.nh3n } : {}) };
  return [
    { id: `GB18918-2002/${grade}`, name: `GB 18918-2002 ${label}`, source: GB18918_SOURCE, appliesTo: '城镇污水处理厂（2006年1月1日起建设）', limits: { ...base, tp: { max: l.tpNew } } },
    { id: `GB18918-2002/${grade}-2005`, name: `GB 18918-2002 ${label}（2005年12月31日前建设）`, source: GB18918_SOURCE, appliesTo: '城镇污水处理厂（2005年12月31日前建设）', limits: { ...base, tp: { max: l.tpOld } } },
  ];
}

export const DISCHARGE_STANDARDS: DischargeStandard[] = [
  ...gb18918('1A', '一级A标准', { cod: 50, bod5: 10, ss: 10, tn: 15, nh3n: { max: 5, maxCold: 8 }, tpOld: 1, tpNew: 0.5 }),
  ...gb18918('1B', '一级B标准', { cod: 60, bod5: 20, ss: 20, tn: 20, nh3n: { max: 8, maxCold: 15 }, tpOld: 1.5, tpNew: 1 }),
  ...gb18918('2', '二级标准', { cod: 100, bod5: 30, ss: 30, nh3n: { max: 25, maxCold: 30 }, tpOld: 3, tpNew: 3 }),
  ...gb18918('3', '三级标准', { cod: 120, bod5: 60, ss: 50, tpOld: 5, tpNew: 5 }),
  { id: 'GB8978-1996/1', name: 'GB 8978-1996 一级标准', source: GB8978_SOURCE, appliesTo: '工业及其他排污单位（排入Ⅲ类水域等）',
    limits: { ph: PH, cod: { max: 100 }, bod5: { max: 20 }, ss: { max: 70 }, nh3n: { max: 15 }, tp: { max: 0.5 } } },
  { id: 'GB8978-1996/2', name: 'GB 8978-1996 二级标准', source: GB8978_SOURCE, appliesTo: '工业及其他排污单位（排入Ⅳ、Ⅴ类水域等）',
    limits: { ph: PH, cod: { max: 150 }, bod5: { max: 30 }, ss: { max: 150 }, nh3n: { max: 25 }, tp: { max: 1 } } },
  { id: 'GB8978-1996/3', name: 'GB 8978-1996 三级标准', source: GB8978_SOURCE, appliesTo: '排入设置二级污水处理厂的城镇排水系统',
    limits: { ph: PH, cod: { max: 500 }, bod5: { max: 300 }, ss: { max: 400 } } },
];

/** The choice "by the permit (or a sector's or province's own standard)": limits entered per target. */
export const PERMIT_STANDARD = 'permit';

/** Limits entered for one target (its permit's, or a sector's or local standard's) and the name to print. */
export type PermitLimits = { standardName: string } & Partial<Record<Pollutant, Limit>>;

export function dischargeStandard(id: string | null | undefined): DischargeStandard | undefined {
  return id ? DISCHARGE_STANDARDS.find((s) => s.id === id) : undefined;
}

/** Every choice of a target's 执行标准, as the forms list them. */
export const DISCHARGE_STANDARD_CHOICES: { id: string; name: string; appliesTo: string }[] = [
  ...DISCHARGE_STANDARDS.map(({ id, name, appliesTo }) => ({ id, name, appliesTo })),
  { id: PERMIT_STANDARD, name: '按排污许可证（或行业、地方排放标准）限值', appliesTo: '逐项填写限值' },
];

/**
 * The limits a target is held to: its permit's when chosen (each pollutant as entered; those left blank
 * are not judged), else its standard's; null when none is set (the software does not guess one).
 */
export function limitsOfTarget(standardId: string | null | undefined, permit: PermitLimits | null | undefined): { name: string; source: string; limits: Partial<Record<Pollutant, Limit>> } | null {
  if (standardId === PERMIT_STANDARD) {
    if (!permit) return null;
    const { standardName, ...limits } = permit;
    return { name: standardName || '排污许可证载明的限值', source: '排污许可证（或所执行的行业、地方标准）', limits };
  }
  const s = dischargeStandard(standardId);
  return s ? { name: s.name, source: s.source, limits: s.limits } : null;
}
