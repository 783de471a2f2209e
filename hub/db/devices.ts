import type { Queryable } from './hub-db';

/** The laptops enrolled with the hub (`devices`): their keys, state and how far they have synced. */

export type Device = {
  id: string; node: string; user: string; name: string; publicKey: string; state: 'pending' | 'approved' | 'revoked';
  createdAt: string; approvedAt: string | null; revokedAt: string | null; lastSeenAt: string | null; cursor: number;
};

type DeviceRow = { id: string; node: string; user_name: string; name: string; public_key: string; state: Device['state']; created_at: string; approved_at: string | null; revoked_at: string | null; last_seen_at: string | null; cursor: number };

const rowToDevice = (r: DeviceRow): Device => ({
  id: r.id, node: r.node, user: r.user_name, name: r.name, publicKey: r.public_key, state: r.state, createdAt: r.created_at,
  approvedAt: r.approved_at, revokedAt: r.revoked_at, lastSeenAt: r.last_seen_at, cursor: r.cursor,
});

/** A device by id, if enrolled. */
export async function deviceById(q: Queryable, id: string): Promise<Device | undefined> {
  const r = await q.one<DeviceRow>('SELECT * FROM devices WHERE id = $1', [id]);
  return r && rowToDevice(r);
}

/** Every device, oldest enrolment first. */
export async function allDevices(q: Queryable): Promise<Device[]> {
  return (await q.all<DeviceRow>('SELECT * FROM devices ORDER BY created_at')).map(rowToDevice);
}

/** Enrols a device (`approvedAt` when it is approved at once). */
export function insertDevice(q: Queryable, d: Pick<Device, 'id' | 'node' | 'user' | 'name' | 'publicKey' | 'state' | 'createdAt' | 'approvedAt'>): Promise<void> {
  return q.run(`INSERT INTO devices (id, node, user_name, name, public_key, state, created_at, approved_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [d.id, d.node, d.user, d.name, d.publicKey, d.state, d.createdAt, d.approvedAt]);
}

/** Approves or revokes a device, noting when. */
export async function setDeviceStateAt(q: Queryable, id: string, state: 'approved' | 'revoked', at: string): Promise<void> {
  const col = state === 'approved' ? 'approved_at' : 'revoked_at';
  // A revoked laptop's seal secret is forgotten: whoever took it can never be given it again (issue 18).
  await q.run(`UPDATE devices SET state = $2, ${col} = $3${state === 'revoked' ? ', seal_secret = NULL' : ''} WHERE id = $1`, [id, state, at]);
}

/** Revokes every device of an account not revoked already. */
export function revokeDevicesOf(q: Queryable, user: string, at: string): Promise<void> {
  return q.run("UPDATE devices SET state = 'revoked', revoked_at = $2, seal_secret = NULL WHERE user_name = $1 AND state <> 'revoked'", [user, at]);
}

/** Notes when a device was last heard from. */
export function noteDeviceSeen(q: Queryable, id: string, at: string): Promise<void> {
  return q.run('UPDATE devices SET last_seen_at = $2 WHERE id = $1', [id, at]);
}

/** Moves a device's acknowledgement of the hub's changes forward (never back). */
export function advanceCursor(q: Queryable, id: string, cursor: number): Promise<void> {
  return q.run('UPDATE devices SET cursor = $2 WHERE id = $1 AND cursor < $2', [id, cursor]);
}

/** Moves a device's acknowledgement forward from its bundle, noting when it was heard from. */
export function advanceCursorSeen(q: Queryable, id: string, cursor: number, at: string): Promise<void> {
  return q.run('UPDATE devices SET cursor = $2, last_seen_at = $3 WHERE id = $1 AND cursor < $2', [id, cursor, at]);
}

/** The device's seal secret (issue 18), made at its first asking. */
export async function sealSecretOf(q: Queryable, id: string, fresh: string): Promise<string> {
  await q.run('UPDATE devices SET seal_secret = $2 WHERE id = $1 AND seal_secret IS NULL', [id, fresh]);
  return (await q.one<{ seal_secret: string }>('SELECT seal_secret FROM devices WHERE id = $1', [id]))!.seal_secret;
}

/** The seal secret of a device, only while it is approved (a revoked laptop is never opened by the hub). */
export async function approvedSealSecret(q: Queryable, id: string): Promise<string | null> {
  const r = await q.one<{ seal_secret: string | null; state: string }>('SELECT seal_secret, state FROM devices WHERE id = $1', [id]);
  return r?.state === 'approved' ? r.seal_secret : null;
}

/** The seal secret a device was given (null: it never asked), whatever its state. */
export async function storedSealSecret(q: Queryable, id: string): Promise<string | null> {
  return (await q.one<{ seal_secret: string | null }>('SELECT seal_secret FROM devices WHERE id = $1', [id]))?.seal_secret ?? null;
}
