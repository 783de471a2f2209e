import { limitsOfTarget, type Limit, type PermitLimits } from '../standards/discharge-standards';
import type { Answers } from './answers';
import type { Item, TemplateDefinition } from './template';

/**
 * A template as one inspection applies it (issue 19): each reading judged by discharge limits
 * (`limitFrom: 'discharge'`) gets the inspected target's limit for its pollutant, and its `standard` says
 * which (e.g. "GB 18918-2002 一级A标准"). The target's choice is taken into the inspection when it starts
 * (`targetExtra.dischargeStandard`, and `targetExtra.permitLimits` as JSON for limits entered by hand), so
 * the record keeps the limits it was judged by whatever the register says later.
 *
 * 氨氮 under GB 18918-2002 has a looser limit at or below 12 ℃ (表1 注): the water temperature measured at
 * the same inspection decides; without one the looser limit is applied and said — a discharge is not
 * called over a limit on a temperature nobody measured.
 *
 * A target with no standard set: the reading is recorded but not judged (its `standard` says so); the
 * software does not guess a standard.
 */

export type TargetLimits = { dischargeStandard?: string; permitLimits?: string };

export const NOT_JUDGED = '未设定执行标准，不自动判定';

function permitOf(extra: TargetLimits): PermitLimits | null {
  if (!extra.permitLimits) return null;
  try { return JSON.parse(extra.permitLimits) as PermitLimits; } catch { return null; }
}

/** The water temperature read at this inspection (℃), if any. */
function temperature(t: Pick<TemplateDefinition, 'sections'>, answers: Answers): number | null {
  for (const s of t.sections) for (const item of s.items) {
    const v = answers[item.id]?.value;
    if (item.type === 'reading' && item.measures === 'temp' && typeof v === 'number') return v;
  }
  return null;
}

function applied(item: Extract<Item, { type: 'reading' }>, limit: Limit | undefined, name: string, temp: number | null): Item {
  if (!limit) return { ...item, min: undefined, max: undefined, standard: `${name}（该项无限值，不判定）` };
  // A problem raised by this reading names the standard it exceeded beside the law.
  const finding = item.finding && { ...item.finding, legalBasis: [item.finding.legalBasis, name].filter(Boolean).join('；') };
  if (limit.maxCold === undefined) return { ...item, min: limit.min, max: limit.max, standard: name, finding };
  const cold = temp === null || temp <= 12;
  const note = temp === null ? '未测水温，按水温≤12℃限值' : cold ? '水温≤12℃' : '水温>12℃';
  return { ...item, min: limit.min, max: cold ? limit.maxCold : limit.max, standard: `${name}（${note}）`, finding };
}

/** The template with this target's discharge limits in place (unchanged when it has no such readings). */
export function withTargetLimits<T extends Pick<TemplateDefinition, 'sections'>>(t: T, extra: TargetLimits | Record<string, unknown>, answers: Answers = {}): T {
  const judged = t.sections.some((s) => s.items.some((i) => i.type === 'reading' && i.limitFrom === 'discharge'));
  if (!judged) return t;
  const e = extra as TargetLimits;
  const target = limitsOfTarget(e.dischargeStandard, permitOf(e));
  const temp = temperature(t, answers);
  return {
    ...t,
    sections: t.sections.map((s) => ({
      ...s,
      items: s.items.map((item) => {
        if (item.type !== 'reading' || item.limitFrom !== 'discharge') return item;
        if (!target || !item.measures || item.measures === 'temp') return { ...item, min: undefined, max: undefined, standard: NOT_JUDGED };
        return applied(item, target.limits[item.measures as keyof typeof target.limits], target.name, temp);
      }),
    })),
  };
}

/** What a reading was judged by, in words: "限值 ≤50 mg/L，GB 18918-2002 一级A标准". */
export function limitNote(item: Item): string {
  if (item.type !== 'reading') return '';
  const unit = item.unit === '无量纲' ? '' : ` ${item.unit}`;
  const range = item.min !== undefined && item.max !== undefined ? `${item.min}–${item.max}${unit}` : item.max !== undefined ? `≤${item.max}${unit}` : item.min !== undefined ? `≥${item.min}${unit}` : '';
  return [range && `限值 ${range}`, item.standard].filter(Boolean).join('，');
}
