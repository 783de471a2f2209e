import { z } from 'zod';
import { POLLUTANT_KEYS } from '../standards/discharge-standards';
import { DEADLINE_BANDS } from './deadline-band';

/** The item types a checklist may hold (DESIGN §6). */
export const ITEM_TYPES = ['yesno', 'choice', 'multi', 'number', 'reading', 'text', 'date', 'datetime', 'photo', 'location', 'signature', 'problems'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const TARGET_KINDS = ['enterprise', 'outfall', 'site'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

/** When an item is shown: every listed condition on earlier answers holds. */
export const Condition = z.strictObject({
  item: z.string().min(1),
  equals: Scalar.optional(),
  notEquals: Scalar.optional(),
  in: z.array(Scalar).min(1).optional(),
  answered: z.boolean().optional(),
});
export type Condition = z.infer<typeof Condition>;

/** When an answer fails the check: equal to, one of, any of (multi), or outside the item's limits. */
export const FailRule = z.strictObject({
  equals: Scalar.optional(),
  in: z.array(Scalar).min(1).optional(),
  anyOf: z.array(z.string()).min(1).optional(),
  outsideLimits: z.literal(true).optional(),
});
export type FailRule = z.infer<typeof FailRule>;

/** The finding a failing item proposes. */
export const FindingProposal = z.strictObject({
  description: z.string().min(1).max(500),
  legalBasis: z.string().max(500).default(''),
  deadlineBand: z.enum(DEADLINE_BANDS).default('short'),
  measures: z.string().max(500).default(''),
});

const Limits = { min: z.number().optional(), max: z.number().optional() };

const base = {
  id: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, '题目编号只能用小写字母、数字、点、下划线和连字符'),
  label: z.string().min(1).max(200),
  hint: z.string().max(500).optional(),
  required: z.boolean().default(false),
  visibleWhen: z.array(Condition).optional(),
  failWhen: FailRule.optional(),
  finding: FindingProposal.optional(),
};

const Option = z.string().min(1).max(100);

export const Item = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('yesno'), allowNa: z.boolean().default(true) }),
  z.strictObject({ ...base, type: z.literal('choice'), options: z.array(Option).min(2) }),
  z.strictObject({ ...base, type: z.literal('multi'), options: z.array(Option).min(2) }),
  z.strictObject({ ...base, type: z.literal('number'), unit: z.string().max(20).default(''), ...Limits }),
  z.strictObject({
    ...base, type: z.literal('reading'), unit: z.string().min(1).max(20), ...Limits, standard: z.string().max(200).optional(),
    /** What is measured (a discharge's pollutant, or the water temperature the 氨氮 limit depends on). */
    measures: z.enum([...POLLUTANT_KEYS, 'temp'] as unknown as [string, ...string[]]).optional(),
    /**
     * 'discharge': the limits are the inspected target's discharge limits (its permit's, or its 执行标准),
     * set for each inspection (`limits.ts`); a target with none set is not judged automatically.
     */
    limitFrom: z.literal('discharge').optional(),
  }),
  z.strictObject({ ...base, type: z.literal('text'), multiline: z.boolean().default(false) }),
  z.strictObject({ ...base, type: z.literal('date') }),
  z.strictObject({ ...base, type: z.literal('datetime') }),
  z.strictObject({ ...base, type: z.literal('photo'), minCount: z.number().int().min(0).default(0), maxCount: z.number().int().min(1).max(100).default(20) }),
  z.strictObject({ ...base, type: z.literal('location') }),
  z.strictObject({ ...base, type: z.literal('signature') }),
  /** 复查 (issue 19): the target's open problems, each recorded as 已整改 / 部分整改 / 未整改 with a note. */
  z.strictObject({ ...base, type: z.literal('problems') }),
], { error: (iss) => (iss.code === 'invalid_union' ? `未知的题型，可用：${ITEM_TYPES.join('、')}` : undefined) });
export type Item = z.output<typeof Item>;

export const Section = z.strictObject({
  id: z.string().min(1).max(64),
  title: z.string().min(1).max(100),
  items: z.array(Item).min(1),
});
export type Section = z.output<typeof Section>;

/** A checklist template version: data, validated here, never changed once used. */
export const TemplateDefinition = z.strictObject({
  code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, '模板代码只能用小写字母、数字和连字符'),
  version: z.number().int().min(1),
  name: z.string().min(1).max(100),
  description: z.string().max(1000).default(''),
  targetKinds: z.array(z.enum(TARGET_KINDS)).min(1),
  sections: z.array(Section).min(1),
}).superRefine((t, ctx) => {
  const seen = new Map<string, Item>();
  t.sections.forEach((s, si) => s.items.forEach((item, ii) => {
    const path = ['sections', si, 'items', ii];
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `题目编号“${item.id}”重复` });
    for (const [ci, c] of (item.visibleWhen ?? []).entries()) {
      if (!seen.has(c.item)) ctx.addIssue({ code: 'custom', path: [...path, 'visibleWhen', ci, 'item'], message: `显示条件引用的题目“${c.item}”不存在（只能引用前面的题目）` });
    }
    if (item.type === 'reading' && item.limitFrom && !(item.measures && item.measures !== 'temp')) {
      ctx.addIssue({ code: 'custom', path: [...path, 'measures'], message: '按排放限值判定的读数需写明所测污染物（measures）' });
    }
    const fromTarget = item.type === 'reading' && item.limitFrom !== undefined;
    if (item.failWhen?.outsideLimits && !fromTarget && !((item.type === 'number' || item.type === 'reading') && (item.min !== undefined || item.max !== undefined))) {
      ctx.addIssue({ code: 'custom', path: [...path, 'failWhen'], message: '“超出限值即不合格”需要题目给出下限或上限' });
    }
    if (item.failWhen && !item.finding) ctx.addIssue({ code: 'custom', path: [...path, 'finding'], message: '有不合格条件的题目需给出问题描述（finding）' });
    seen.set(item.id, item);
  }));
});
export type TemplateDefinition = z.output<typeof TemplateDefinition>;

/** Every item of a template in order, with its section. */
export function itemsOf(t: Pick<TemplateDefinition, 'sections'>): { item: Item; section: Section }[] {
  return t.sections.flatMap((section) => section.items.map((item) => ({ item, section })));
}

/** Where a template issue sits, in words: "第2节第3题（permit.valid）". */
export function placeOfPath(t: unknown, path: PropertyKey[]): string {
  const [a, si, b, ii] = path;
  if (a !== 'sections' || typeof si !== 'number') return path.join('.');
  const sections = (t as { sections?: { items?: { id?: unknown }[] }[] }).sections;
  if (b !== 'items' || typeof ii !== 'number') return `第${si + 1}节`;
  const id = sections?.[si]?.items?.[ii]?.id;
  return `第${si + 1}节第${ii + 1}题${typeof id === 'string' ? `（${id}）` : ''}`;
}
