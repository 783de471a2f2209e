/**
 * GB 3838-2002《地表水环境质量标准》表1 地表水环境质量标准基本项目标准限值 (mg/L; pH 无量纲): the
 * quality class of a receiving water body or a 断面 (Ⅰ–Ⅴ类, worse than Ⅴ: 劣Ⅴ类). Never a discharge limit
 * (`discharge-standards.ts`). A sample is of the best class whose every limit it meets (单因子评价, as the
 * 地表水环境质量评价办法（试行）环办〔2011〕22号 reads it).
 */

export const WATER_CLASSES = ['Ⅰ类', 'Ⅱ类', 'Ⅲ类', 'Ⅳ类', 'Ⅴ类'] as const;
export type WaterClass = (typeof WATER_CLASSES)[number] | '劣Ⅴ类';

export type SurfaceWaterItem = 'do' | 'codmn' | 'cod' | 'bod5' | 'nh3n' | 'tp' | 'tn';

/** Limits per class Ⅰ…Ⅴ; `min`: the value must be at least this (溶解氧), else at most. 总磷 of lakes and reservoirs in `lake`. */
export const SURFACE_WATER_LIMITS: Record<SurfaceWaterItem, { name: string; min?: true; limits: readonly number[]; lake?: readonly number[]; lakeOnly?: true }> = {
  do: { name: '溶解氧', min: true, limits: [7.5, 6, 5, 3, 2] },
  codmn: { name: '高锰酸盐指数', limits: [2, 4, 6, 10, 15] },
  cod: { name: '化学需氧量（COD）', limits: [15, 15, 20, 30, 40] },
  bod5: { name: '五日生化需氧量（BOD₅）', limits: [3, 3, 4, 6, 10] },
  nh3n: { name: '氨氮（NH₃-N）', limits: [0.15, 0.5, 1.0, 1.5, 2.0] },
  tp: { name: '总磷（以P计）', limits: [0.02, 0.1, 0.2, 0.3, 0.4], lake: [0.01, 0.025, 0.05, 0.1, 0.2] },
  /** 总氮 is a base item for lakes and reservoirs only (表1 注). */
  tn: { name: '总氮（湖、库，以N计）', limits: [0.2, 0.5, 1.0, 1.5, 2.0], lakeOnly: true },
};

/** The class one measured item meets (pH outside 6–9 is 劣Ⅴ类 whatever else); null for 总氮 of a river (not judged). */
export function classOfItem(item: SurfaceWaterItem, value: number, lake = false): WaterClass | null {
  const s = SURFACE_WATER_LIMITS[item];
  if (s.lakeOnly && !lake) return null;
  const limits = lake && s.lake ? s.lake : s.limits;
  const i = limits.findIndex((l) => (s.min ? value >= l : value <= l));
  return i < 0 ? '劣Ⅴ类' : WATER_CLASSES[i];
}

/** The class of a sample: the worst of its items' classes (单因子评价); pH outside 6–9 makes it 劣Ⅴ类. */
export function classOfSample(values: Partial<Record<SurfaceWaterItem | 'ph', number>>, lake = false): WaterClass | null {
  if (values.ph !== undefined && (values.ph < 6 || values.ph > 9)) return '劣Ⅴ类';
  const order: WaterClass[] = [...WATER_CLASSES, '劣Ⅴ类'];
  const classes = (Object.keys(SURFACE_WATER_LIMITS) as SurfaceWaterItem[])
    .filter((k) => values[k] !== undefined).map((k) => classOfItem(k, values[k]!, lake)).filter((c): c is WaterClass => c !== null);
  return classes.length ? classes.reduce((worst, c) => (order.indexOf(c) > order.indexOf(worst) ? c : worst)) : null;
}
