import type { FieldHeads } from './merge';

/**
 * Signed documents merge by hash (DESIGN §5): the same id and hash again is ignored; the same id with
 * another hash is refused and flagged — a finalized record is never overwritten by a merge.
 * Marking a finalized record superseded by its correction is the one change it still takes.
 * Returns null when the change may merge normally, 'same' for a repeat, or the reason to refuse.
 *
 * The same rules hold at the hub (push, release) and on every laptop that receives a change, so a
 * crafted laptop or hub cannot walk an inspection around them (DESIGN §11):
 * - an inspection is frozen by its hash, whatever its state says (a newer 'draft' cannot thaw it);
 * - 定稿 is one change with the state and the hash together (finalize writes them so);
 * - an inspection is a draft only when it is made: no change sets it back to 'draft';
 * - only a finalized inspection can be superseded (by its correction).
 */
export function checkSigned(entity: string, heads: FieldHeads, fields: Record<string, unknown>): null | 'same' | string {
  const hash = heads.sha256?.[0]?.v;
  if (entity === 'inspection_record') {
    if (typeof hash !== 'string') return null;
    return fields.sha256 === hash ? 'same' : `已定稿检查记录（${hash.slice(0, 12)}…）收到另一哈希的版本，已拒收`;
  }
  if (entity !== 'inspection') return null;
  const onlySuperseding = Object.keys(fields).length === 1 && fields.state === 'superseded';
  if (typeof hash === 'string' && !onlySuperseding) return '该检查记录已定稿，定稿后的修改不予合并（更正应另立新版本）';
  if (fields.state === 'draft' && Object.keys(heads).length > 0) return '检查记录不能改回草稿，已拒收';
  if ((fields.state === 'finalized') !== (typeof fields.sha256 === 'string')) return '定稿须在同一变更中写明定稿状态和哈希，已拒收';
  if (fields.state === 'superseded' && typeof hash !== 'string') return '只有已定稿的检查记录可被其更正版本取代，已拒收';
  return null;
}

/** Whether a change is an inspection's 定稿 (state and hash), which must follow its signed text. */
export function isFinalizing(entity: string, fields: Record<string, unknown>): boolean {
  return entity === 'inspection' && fields.state === 'finalized';
}

/**
 * The reason to refuse a 定稿 whose signed text of that hash is not held where it lands (the laptop logs
 * the text, then the state; the hub and every laptop hold to that order), or null. `heldHash`: the hash
 * of the inspection's signed text held there, if any.
 */
export function finalizeWithoutText(fields: Record<string, unknown>, heldHash: unknown): string | null {
  return heldHash === fields.sha256 ? null : '定稿状态未随其签署文本（或哈希不符）到达，已拒收';
}
