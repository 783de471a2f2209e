import type { Workbench } from '../../electron/core/workbench';

/**
 * A change a crafted client would push: put straight into a laptop's outgoing log under its node and
 * next number, with no local row and none of the laptop's own checks, so its next sync sends it as is.
 */
export function forge(wb: Workbench, entity: string, entityId: string, fields: Record<string, unknown>, base: Record<string, string[]> = {}): string {
  const { db, nodeId, clock } = wb.store;
  const last = (db.prepare('SELECT max(nseq) FROM changes WHERE node = ?').pluck().get(nodeId) as number | null) ?? 0;
  const hlc = clock.next();
  db.prepare('INSERT INTO changes (node, nseq, entity, entity_id, hlc, author, fields, base, sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)')
    .run(nodeId, last + 1, entity, entityId, hlc, 'forged', JSON.stringify(fields), JSON.stringify(base));
  return `${nodeId}:${last + 1}`;
}
