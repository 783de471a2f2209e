import type { Condition, Item, TemplateDefinition } from './template';
import { itemsOf } from './template';
import { recheckProblem, type RecheckRow } from './recheck';

/** A saved answer: the value (shape by item type) and the inspector's remark. */
export type Answer = { value: unknown; note: string };
export type Answers = Record<string, Answer | undefined>;

/** Evidence counted per item (photos live in their own table, not in the answer value). */
export type PhotoCounts = Record<string, number | undefined>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * Checks one answer value against its item; returns the Chinese message, or null when it is fine.
 * `null` as a value means "cleared" and is always accepted.
 */
export function answerProblem(item: Item, value: unknown): string | null {
  if (value === null) return null;
  switch (item.type) {
    case 'yesno': {
      const allowed = item.allowNa ? ['yes', 'no', 'na'] : ['yes', 'no'];
      return allowed.includes(value as string) ? null : `应选择${item.allowNa ? '是、否或不适用' : '是或否'}`;
    }
    case 'choice': return item.options.includes(value as string) ? null : `“${String(value)}”不是可选项`;
    case 'multi':
      if (!Array.isArray(value)) return '应为选项列表';
      for (const v of value) if (!item.options.includes(v as string)) return `“${String(v)}”不是可选项`;
      return new Set(value).size === value.length ? null : '同一选项选了两次';
    case 'number': case 'reading':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${item.type === 'reading' ? '读数' : '数值'}应为数字`;
      if (item.type === 'number' && !item.failWhen?.outsideLimits) {
        if (item.min !== undefined && value < item.min) return `不能小于 ${item.min}${item.unit}`;
        if (item.max !== undefined && value > item.max) return `不能大于 ${item.max}${item.unit}`;
      }
      return null;
    case 'text': return typeof value === 'string' && value.length <= 2000 ? null : '文字应不超过 2000 字';
    case 'date': return typeof value === 'string' && DATE.test(value) ? null : '日期格式应为 年-月-日';
    case 'datetime': return typeof value === 'string' && DATETIME.test(value) ? null : '时间格式应为 年-月-日 时:分';
    case 'location': {
      const v = value as { lat?: unknown; lon?: unknown };
      if (typeof v !== 'object' || typeof v.lat !== 'number' || typeof v.lon !== 'number') return '位置应有经度和纬度';
      return v.lat >= 3 && v.lat <= 54 && v.lon >= 73 && v.lon <= 136 ? null : '位置不在中国境内，请核对经纬度';
    }
    case 'signature': {
      const v = value as { sha256?: unknown };
      return typeof v === 'object' && typeof v.sha256 === 'string' && /^[0-9a-f]{64}$/.test(v.sha256) ? null : '签名无效';
    }
    case 'photo': return '照片请用“添加照片”上传';
    case 'problems': return recheckProblem(value);
  }
}

function holds(c: Condition, answers: Answers): boolean {
  const a = answers[c.item];
  const v = a?.value ?? null;
  if (c.answered !== undefined && (v !== null) !== c.answered) return false;
  if (c.equals !== undefined && v !== c.equals) return false;
  if (c.notEquals !== undefined && v === c.notEquals) return false;
  if (c.in !== undefined && !c.in.includes(v as string)) return false;
  return true;
}

/** Whether an item is shown, given the answers so far (a hidden item's answer does not count). */
export function isVisible(item: Item, answers: Answers, visible?: Set<string>): boolean {
  return (item.visibleWhen ?? []).every((c) => holds(c, answers) && (!visible || visible.has(c.item)));
}

/** The ids of the visible items, in template order (a condition on a hidden item is false). */
export function visibleItemIds(t: Pick<TemplateDefinition, 'sections'>, answers: Answers, items = itemsOf(t)): Set<string> {
  const visible = new Set<string>();
  for (const { item } of items) if (isVisible(item, answers, visible)) visible.add(item.id);
  return visible;
}

/** Whether an answer fails its item's check. */
export function isFailing(item: Item, value: unknown): boolean {
  const rule = item.failWhen;
  if (!rule || value === null || value === undefined) return false;
  if (rule.equals !== undefined && value === rule.equals) return true;
  if (rule.in !== undefined && rule.in.includes(value as string)) return true;
  if (rule.anyOf !== undefined && Array.isArray(value) && value.some((v) => rule.anyOf!.includes(v as string))) return true;
  if (rule.outsideLimits && typeof value === 'number' && (item.type === 'number' || item.type === 'reading')) {
    if (item.min !== undefined && value < item.min) return true;
    if (item.max !== undefined && value > item.max) return true;
  }
  return false;
}

/** What keeps an inspection from being finalized, per item id (visible items only). */
export function unansweredProblems(t: Pick<TemplateDefinition, 'sections'>, answers: Answers, photos: PhotoCounts): Record<string, string> {
  const visible = visibleItemIds(t, answers);
  const problems: Record<string, string> = {};
  for (const { item } of itemsOf(t)) {
    if (!visible.has(item.id)) continue;
    if (item.type === 'photo') {
      const n = photos[item.id] ?? 0;
      if (n < Math.max(item.minCount, item.required ? 1 : 0)) problems[item.id] = `至少需要 ${Math.max(item.minCount, 1)} 张照片`;
      else if (n > item.maxCount) problems[item.id] = `最多 ${item.maxCount} 张照片`;
      continue;
    }
    const value = answers[item.id]?.value ?? null;
    if (item.required && (value === null || (Array.isArray(value) && value.length === 0) || value === '')) problems[item.id] = '必答题尚未作答';
    else if (value !== null) {
      const p = answerProblem(item, value);
      if (p) problems[item.id] = p;
    }
  }
  return problems;
}

/** The visible items whose answers fail, in template order. */
export function failingItems(t: Pick<TemplateDefinition, 'sections'>, answers: Answers): Item[] {
  const visible = visibleItemIds(t, answers);
  return itemsOf(t).map(({ item }) => item).filter((item) => visible.has(item.id) && isFailing(item, answers[item.id]?.value ?? null));
}

/** How an answer reads in a record or list: "是", "7.2 mg/L", "明渠、管道". */
export function answerText(item: Item, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (item.type) {
    case 'yesno': return ({ yes: '是', no: '否', na: '不适用' } as Record<string, string>)[value as string] ?? String(value);
    case 'multi': return (value as string[]).join('、');
    case 'number': case 'reading': return `${String(value)}${item.unit ? ` ${item.unit}` : ''}`;
    case 'datetime': return (value as string).replace('T', ' ');
    case 'location': { const v = value as { lat: number; lon: number }; return `${v.lon.toFixed(6)}, ${v.lat.toFixed(6)}`; }
    case 'signature': return '已签名';
    case 'problems': return (value as RecheckRow[]).map((r, i) => `${i + 1}. ${r.description}：${r.result}${r.note ? `（${r.note}）` : ''}`).join('；');
    default: return String(value);
  }
}
