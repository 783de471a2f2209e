import type { Queryable } from './hub-db';

/** The hub's figures an operator watches (`qingshui hub status`, `GET /metrics`), read in a few queries. */
export type HubFigures = {
  hubSeq: number; changes: number; records: number; conflicted: number; quarantined: number;
  blobs: number; blobBytes: number; partialUploads: number;
  devices: { id: string; user: string; name: string; state: string; cursor: number; lastSeenAt: string | null }[];
};

export async function hubFigures(q: Queryable): Promise<HubFigures> {
  const n = (v: unknown) => Number(v ?? 0);
  const c = await q.one<Record<string, unknown>>(`SELECT
      (SELECT coalesce(max(hub_seq), 0) FROM changes) AS hub_seq, (SELECT count(*) FROM changes) AS changes,
      (SELECT count(*) FROM records) AS records, (SELECT count(*) FROM records WHERE conflicted = 1) AS conflicted,
      (SELECT count(*) FROM quarantine) AS quarantined,
      (SELECT count(*) FROM blobs WHERE complete = 1) AS blobs, (SELECT coalesce(sum(size), 0) FROM blobs WHERE complete = 1) AS blob_bytes,
      (SELECT count(DISTINCT device_id || ':' || sha256) FROM blob_uploads) AS partial_uploads`);
  const devices = await q.all<{ id: string; user_name: string; name: string; state: string; cursor: number; last_seen_at: string | null }>(
    'SELECT id, user_name, name, state, cursor, last_seen_at FROM devices ORDER BY created_at',
  );
  return {
    hubSeq: n(c?.hub_seq), changes: n(c?.changes), records: n(c?.records), conflicted: n(c?.conflicted), quarantined: n(c?.quarantined),
    blobs: n(c?.blobs), blobBytes: n(c?.blob_bytes), partialUploads: n(c?.partial_uploads),
    devices: devices.map((d) => ({ id: d.id, user: d.user_name, name: d.name, state: d.state, cursor: n(d.cursor), lastSeenAt: d.last_seen_at })),
  };
}
