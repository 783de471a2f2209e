import type { Database } from 'better-sqlite3';
import { parseHlc } from '../../../shared/sync/hlc';
import type { SnapshotRecord } from '../../../shared/sync/protocol';
import { heldHubSeqs } from '../../store/change-log';
import { noteMissing } from '../../store/sync-missing';
import type { RemoteChange } from './apply';

/**
 * A snapshot record as raw changes: one per HLC among its heads, carrying the values written under
 * it, replayed raw so the heads (a conflict's losing values included) come out exactly as the hub
 * has them. They carry the record's last hub sequence, so pulling from the snapshot's cursor skips
 * what they already hold.
 */
export function snapshotChanges(records: SnapshotRecord[]): RemoteChange[] {
  const out: RemoteChange[] = [];
  for (const r of records) {
    const byHlc = new Map<string, { author: string; fields: Record<string, unknown>; base: Record<string, string[]> }>();
    for (const [field, heads] of Object.entries(r.heads)) {
      for (const h of heads) {
        const entry = byHlc.get(h.h) ?? { author: h.a, fields: {}, base: {} };
        entry.fields[field] = h.v ?? null;
        // What a deletion had settled travels as its base (replayed raw, it only restores `r`).
        if (h.r?.length) entry.base[field] = h.r;
        byHlc.set(h.h, entry);
      }
    }
    const row = Object.fromEntries(Object.entries(r.heads).map(([f, hs]) => [f, hs[0]?.v ?? null]));
    [...byHlc].sort(([a], [b]) => (a < b ? -1 : 1)).forEach(([hlc, e], i) => {
      out.push({ node: parseHlc(hlc).node, nseq: null, entity: r.entity, entityId: r.entityId, hlc, author: e.author, fields: e.fields, base: e.base, hubSeq: r.lastSeq, raw: true, row: i === 0 ? row : undefined });
    });
  }
  return out;
}

/**
 * A snapshot taken again (the account was given more towns) over records this laptop partly holds:
 * the records it lacks, to write as a snapshot does; a record it holds is brought up to date by its
 * changes instead (its heads replayed raw over older ones here would read as a conflict) — one the
 * hub has changed since is set aside (`sync_missing`) for its history to be asked for before the pull.
 */
export function takeUnheld(db: Database, records: SnapshotRecord[], now: string): SnapshotRecord[] {
  const byEntity = new Map<string, string[]>();
  for (const r of records) byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), r.entityId]);
  const held = heldHubSeqs(db, byEntity);
  return records.filter((r) => {
    const seq = held.get(`${r.entity}\u0000${r.entityId}`);
    if (seq !== undefined && r.lastSeq > seq) noteMissing(db, r.entity, r.entityId, now);
    return seq === undefined;
  });
}
