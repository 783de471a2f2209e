import type { Database } from 'better-sqlite3';
import type { Change } from '../../shared/sync/change';
import type { Ack } from '../../shared/sync/protocol';
import { PAGE_MAX_BYTES, PAGE_MAX_CHANGES } from '../../shared/sync/protocol';
import { prepared } from '../store/statements';

type Row = { node: string; nseq: number; entity: string; entity_id: string; hlc: string; author: string; fields: string; base: string | null };

/** This node's changes not yet acknowledged, in order, one page (≤ 5,000 changes or 4 MiB). */
export function pendingPage(db: Database, node: string, after = 0, maxChanges = PAGE_MAX_CHANGES): Change[] {
  const rows = prepared(db, `SELECT node, nseq, entity, entity_id, hlc, author, fields, base FROM changes
    WHERE sent = 0 AND node = ? AND nseq > ? ORDER BY nseq LIMIT ?`).all(node, after, maxChanges) as Row[];
  const out: Change[] = [];
  let bytes = 0;
  for (const r of rows) {
    bytes += r.fields.length + (r.base?.length ?? 2) + 200;
    if (out.length > 0 && bytes > PAGE_MAX_BYTES) break;
    out.push({ cid: `${r.node}:${r.nseq}`, node: r.node, nseq: r.nseq, entity: r.entity, entityId: r.entity_id, hlc: r.hlc, author: r.author, fields: JSON.parse(r.fields), base: r.base ? JSON.parse(r.base) : {} });
  }
  return out;
}

export function pendingCount(db: Database, node: string): number {
  return prepared(db, 'SELECT count(*) FROM changes WHERE sent = 0 AND node = ?').pluck().get(node) as number;
}

export function lastNseq(db: Database, node: string): number {
  return (prepared(db, 'SELECT max(nseq) FROM changes WHERE node = ?').pluck().get(node) as number | null) ?? 0;
}

/**
 * Marks acknowledged changes as sent (DESIGN §8: only when the hub has said so). A quarantined one
 * is sent too — the hub keeps it — and its reason is kept here so the user sees it.
 */
export function markAcked(db: Database, node: string, acks: Ack[]): void {
  const sent = prepared(db, 'UPDATE changes SET sent = 1 WHERE node = ? AND nseq = ?');
  const note = prepared(db, `INSERT OR IGNORE INTO sync_rejects (cid, entity, entity_id, change, reason, at)
    SELECT node || ':' || nseq, entity, entity_id, fields, ?, ? FROM changes WHERE node = ? AND nseq = ?`);
  db.transaction(() => {
    for (const a of acks) {
      const nseq = Number(a.cid.split(':')[1]);
      sent.run(node, nseq);
      if (a.status === 'quarantined') note.run(`同步中心隔离：${a.reason ?? ''}`, new Date().toISOString(), node, nseq);
    }
  })();
}

/** Marks every change of this node up to a number as acknowledged (a return bundle's acknowledgement). */
export function markSentUpTo(db: Database, node: string, nseq: number): number {
  return prepared(db, 'UPDATE changes SET sent = 1 WHERE node = ? AND nseq <= ? AND sent = 0').run(node, nseq).changes;
}
