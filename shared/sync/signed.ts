import type { FieldHeads } from './merge';

/**
 * Signed documents merge by hash (DESIGN §5): the same id and hash again is ignored; the same id with
 * another hash is refused and flagged — a finalized record is never overwritten by a merge.
 * Marking a finalized record superseded by its correction is the one change it still takes.
 * Returns null when the change may merge normally, 'same' for a repeat, or the reason to refuse.
 */
export function checkSigned(entity: string, heads: FieldHeads, fields: Record<string, unknown>): null | 'same' | string {
  const hash = heads.sha256?.[0]?.v;
  if (entity === 'inspection_record') {
    if (typeof hash !== 'string') return null;
    return fields.sha256 === hash ? 'same' : `已定稿检查记录（${hash.slice(0, 12)}…）收到另一哈希的版本，已拒收`;
  }
  const onlySuperseding = Object.keys(fields).length === 1 && fields.state === 'superseded';
  if (entity === 'inspection' && heads.state?.[0]?.v !== 'draft' && typeof hash === 'string' && !onlySuperseding) {
    return '该检查记录已定稿，定稿后的修改不予合并（更正应另立新版本）';
  }
  return null;
}
