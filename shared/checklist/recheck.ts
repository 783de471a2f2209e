/** The results a 复查 records for each open problem (issue 19). */
export const RECHECK_RESULTS = ['已整改', '部分整改', '未整改'] as const;
export type RecheckResult = (typeof RECHECK_RESULTS)[number];

/** One problem of a 复查: which finding, what it said (as listed at the time), the result and what was seen. */
export type RecheckRow = { findingId: string; description: string; result: RecheckResult | null; note: string };

/** Why a 复查 answer is malformed, or null (a row without a result yet is allowed in a draft). */
export function recheckProblem(value: unknown): string | null {
  if (!Array.isArray(value) || value.length > 500) return '复查结果应为问题列表';
  const seen = new Set<string>();
  for (const r of value as Partial<RecheckRow>[]) {
    if (typeof r !== 'object' || r === null || typeof r.findingId !== 'string' || typeof r.description !== 'string') return '复查结果中的问题不完整';
    if (seen.has(r.findingId)) return '同一问题复查了两次';
    seen.add(r.findingId);
    if (r.result !== null && r.result !== undefined && !(RECHECK_RESULTS as readonly string[]).includes(r.result)) return `复查结论应为 ${RECHECK_RESULTS.join('、')} 之一`;
    if (typeof r.note !== 'string' || r.note.length > 500) return '复查说明应不超过 500 字';
    if (r.result && r.result !== '已整改' && !r.note.trim()) return `“${r.description.slice(0, 20)}”${r.result}：请写明现场情况`;
  }
  return null;
}

/** Why a 复查 cannot be finalized: open problems not listed, or listed without a result; null when complete. */
export function recheckIncomplete(rows: readonly RecheckRow[], open: readonly { id: string }[]): string | null {
  const listed = new Set(rows.map((r) => r.findingId));
  const missing = open.filter((f) => !listed.has(f.id)).length;
  if (missing) return `还有 ${missing} 个未销号问题没有复查`;
  const blank = rows.filter((r) => !r.result).length;
  return blank ? `还有 ${blank} 个问题未选择复查结论` : null;
}
