/**
 * 双随机 draw, written so anyone can check it by hand with `sha256sum`: within each category the
 * targets are ranked by SHA-256("seed|category|targetId") and the first n are drawn; for each drawn
 * target, in that order, the two eligible inspectors with the fewest tasks so far are taken, ties
 * ranked by SHA-256("seed|targetId|personId"). An inspector related to a target is never eligible.
 * (Hand-written rather than a PRNG library: the rule must be stateable in one sentence to the public.)
 */

export const PLAN_CATEGORIES = ['重点', '一般', '特殊'] as const;
export type PlanCategory = (typeof PLAN_CATEGORIES)[number];

export type Quota = { mode: 'ratio' | 'count'; value: number };
export type DrawInput = {
  seed: string;
  targets: { id: string; category: PlanCategory }[];
  inspectors: string[];
  /** [personId, targetId]: a declared conflict of interest (回避). */
  conflicts: [string, string][];
  quotas: Record<PlanCategory, Quota>;
};
export type DrawnTask = { targetId: string; category: PlanCategory; inspectorIds: [string, string]; order: number };
export type Hash = (text: string) => string;

/** How many targets a quota asks of a category of `size`, or why it cannot be met. */
export function quotaCount(category: PlanCategory, q: Quota, size: number): number | string {
  if (q.mode === 'count') {
    if (!Number.isInteger(q.value) || q.value < 0) return `${category}类抽取数量应为不小于0的整数`;
    if (q.value > size) return `${category}类抽取 ${q.value} 家，超出名录中的 ${size} 家`;
    return q.value;
  }
  if (!(q.value >= 0) || q.value > 1) return `${category}类抽取比例应在 0～100% 之间（名录 ${size} 家）`;
  return Math.ceil(size * q.value - 1e-9);
}

/** The draw for an input: the same input always gives the same tasks. */
export function drawPlan(input: DrawInput, sha256: Hash): DrawnTask[] | string {
  const chosen: { id: string; category: PlanCategory }[] = [];
  for (const category of PLAN_CATEGORIES) {
    const pool = input.targets.filter((t) => t.category === category);
    const n = quotaCount(category, input.quotas[category], pool.length);
    if (typeof n === 'string') return n;
    const ranked = pool.map((t) => ({ t, key: sha256(`${input.seed}|${category}|${t.id}`) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    chosen.push(...ranked.slice(0, n).map((r) => r.t));
  }
  if (chosen.length === 0) return '没有抽中任何检查对象，请检查抽取比例或数量';
  const conflicts = new Set(input.conflicts.map(([p, t]) => `${p}|${t}`));
  const load = new Map(input.inspectors.map((p) => [p, 0]));
  const tasks: DrawnTask[] = [];
  for (const t of chosen) {
    const eligible = input.inspectors.filter((p) => !conflicts.has(`${p}|${t.id}`))
      .map((p) => ({ p, load: load.get(p)!, key: sha256(`${input.seed}|${t.id}|${p}`) }))
      .sort((a, b) => a.load - b.load || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (eligible.length < 2) return `检查对象（${t.id}）没有两名可抽取的执法人员（已排除需回避人员），无法组成检查组`;
    const pair: [string, string] = [eligible[0].p, eligible[1].p];
    for (const p of pair) load.set(p, load.get(p)! + 1);
    tasks.push({ targetId: t.id, category: t.category, inspectorIds: pair, order: tasks.length + 1 });
  }
  return tasks;
}
