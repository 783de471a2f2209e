import type { Change } from '../shared/sync/change';
import type { FieldHeads } from '../shared/sync/merge';
import { parentOf } from '../shared/sync/roles';
import type { Queryable } from './db/hub-db';
import { sha256 } from './hash';

/** The rows a finalized inspection (定稿) was built from: frozen with it. */
const EVIDENCE: Record<string, string> = {
  inspection_answer: '答案', inspection_photo: '照片或其说明', inspection_signature: '签名', inspection_finding: '复核的问题',
};

/**
 * Why the hub refuses this change to a signed record's evidence, or null (DESIGN §5, §11): once an
 * inspection is finalized at the hub, its answers, photos, captions, signatures and reviewed findings
 * never change — a correction travels only as the new version that supersedes it. A record whose
 * text does not hash to the hash it carries is refused too.
 */
export async function frozenRefusal(q: Queryable, c: Change, heads: FieldHeads): Promise<string | null> {
  if (c.entity === 'inspection_record') {
    const canonical = c.fields.canonical ?? heads.canonical?.[0]?.v;
    const hash = c.fields.sha256 ?? heads.sha256?.[0]?.v;
    if (typeof canonical === 'string' && typeof hash === 'string' && sha256(Buffer.from(canonical)) !== hash) {
      return '定稿检查记录的内容与其 SHA-256 不符（记录已被改动），已拒收';
    }
    return null;
  }
  const what = EVIDENCE[c.entity];
  if (!what) return null;
  const merged = { ...Object.fromEntries(Object.entries(heads).map(([f, hs]) => [f, hs[0]?.v])), ...c.fields };
  const parent = parentOf(c.entity, c.entityId, merged);
  if (!parent) return null;
  const row = await q.one<{ heads: string }>("SELECT heads FROM records WHERE entity = 'inspection' AND entity_id = $1", [parent.id]);
  // Evidence arrives after its inspection (the laptop writes them in that order): one of no inspection is refused.
  if (!row) return Object.keys(heads).length ? null : `引用的检查记录 ${parent.id} 在本中心不存在，已拒收`;
  const inspection = JSON.parse(row.heads) as FieldHeads;
  const state = inspection.state?.[0]?.v;
  if (state === 'draft' || typeof inspection.sha256?.[0]?.v !== 'string') return null;
  return `该检查记录已定稿，其${what}不能再修改（更正应另立新版本），已拒收`;
}
