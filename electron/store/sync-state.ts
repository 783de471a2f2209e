import type { Database } from 'better-sqlite3';
import { prepared } from './statements';

/** What a workspace knows of its hub, kept in `meta` (the database moves with its enrolment). */
export type SyncState = {
  hubUrl: string | null;
  /** The SHA-256 fingerprint of the HTTPS hub's certificate, pinned at enrolment (null: plain http on loopback or a trusted network). */
  hubFingerprint: string | null;
  hubId: string | null;
  hubKey: string | null;
  deviceId: string | null;
  privateKey: string | null;
  user: string | null;
  role: string | null;
  towns: string[];
  enrollState: 'pending' | 'approved' | 'revoked' | null;
  /** The last hub sequence applied here (this device's acknowledgement of the hub's changes). */
  cursor: number;
  /** A first sync's snapshot in progress: where to continue, and its cursor. */
  snapshot: { entity: string; id: string; cursor: number; area?: string[] | null } | null;
  snapshotDone: boolean;
  /** The towns this laptop holds every change of (null: all) — see `services/sync/area.ts`. */
  area: string[] | null;
  lastSyncAt: string | null;
  lastReport: string | null;
  /** The hub's secret for this device, wrapping the workspace key in its hub slot (issue 18). */
  sealSecret: string | null;
  /** The hub's epoch as last seen (issue 21: a hub restored from a backup starts a new one). */
  hubEpoch: { n: number; id: string; restoredFrom: number | null; lineage?: { id: string; n: number; restoredFrom: number | null }[] } | null;
};

const KEYS = ['hubUrl', 'hubFingerprint', 'hubId', 'hubKey', 'deviceId', 'privateKey', 'user', 'role', 'towns', 'enrollState', 'cursor', 'snapshot', 'snapshotDone', 'area', 'lastSyncAt', 'lastReport', 'sealSecret', 'hubEpoch'] as const;

/** What this workspace knows of its hub, as kept (defaults before enrolment). */
export function readSyncState(db: Database): SyncState {
  const rows = prepared(db, "SELECT key, value FROM meta WHERE key LIKE 'sync.%'").all() as { key: string; value: string }[];
  const m = new Map(rows.map((r) => [r.key.slice(5), JSON.parse(r.value) as unknown]));
  const get = <T>(k: (typeof KEYS)[number], fallback: T): T => (m.has(k) ? (m.get(k) as T) : fallback);
  return {
    hubUrl: get('hubUrl', null), hubFingerprint: get('hubFingerprint', null), hubId: get('hubId', null), hubKey: get('hubKey', null), deviceId: get('deviceId', null),
    privateKey: get('privateKey', null), user: get('user', null), role: get('role', null), towns: get('towns', []),
    enrollState: get('enrollState', null), cursor: get('cursor', 0), snapshot: get('snapshot', null), snapshotDone: get('snapshotDone', false),
    area: get('area', get<string | null>('role', null) === 'town' ? get<string[]>('towns', []) : null),
    lastSyncAt: get('lastSyncAt', null), lastReport: get('lastReport', null), sealSecret: get('sealSecret', null), hubEpoch: get('hubEpoch', null),
  };
}

/** Keeps the given parts of the sync state (the others stay as they are). */
export function writeSyncState(db: Database, patch: Partial<SyncState>): void {
  const put = prepared(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) put.run(`sync.${k}`, JSON.stringify(v));
}

/** Whether this laptop is joined to a hub (enrolled, with its device key). */
export function joinedToHub(db: Database): boolean {
  const s = readSyncState(db);
  return Boolean(s.deviceId && s.privateKey && s.hubUrl);
}
