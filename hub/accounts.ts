import { randomBytes, verify as verifySignature, createPublicKey } from 'node:crypto';
import type { HubDevice } from '../shared/api/sync';
import type { Queryable } from './db/hub-db';
import { HubRefusal } from './hub-error';
import type { Author } from './push';
import { listUsers, userByName, type User } from './users';

export type Device = {
  id: string; node: string; user: string; name: string; publicKey: string; state: 'pending' | 'approved' | 'revoked';
  createdAt: string; approvedAt: string | null; revokedAt: string | null; lastSeenAt: string | null; cursor: number;
};

type DeviceRow = { id: string; node: string; user_name: string; name: string; public_key: string; state: Device['state']; created_at: string; approved_at: string | null; revoked_at: string | null; last_seen_at: string | null; cursor: number };

const rowToDevice = (r: DeviceRow): Device => ({
  id: r.id, node: r.node, user: r.user_name, name: r.name, publicKey: r.public_key, state: r.state, createdAt: r.created_at,
  approvedAt: r.approved_at, revokedAt: r.revoked_at, lastSeenAt: r.last_seen_at, cursor: r.cursor,
});

/** Registers a device's key for a user; an admin's own device is approved at once, others wait for an admin. */
export async function enrollDevice(q: Queryable, user: User, deviceName: string, publicKey: string): Promise<Device> {
  try { createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' }); } catch { throw new HubRefusal(400, 'invalid', '设备公钥格式不对（应为 Ed25519 SPKI）'); }
  const id = `dev-${randomBytes(6).toString('hex')}`;
  const node = `n${randomBytes(5).toString('hex')}`;
  const now = new Date().toISOString();
  const state = user.role === 'admin' ? 'approved' : 'pending';
  await q.run(`INSERT INTO devices (id, node, user_name, name, public_key, state, created_at, approved_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, node, user.name, deviceName, publicKey, state, now, state === 'approved' ? now : null]);
  return (await deviceById(q, id))!;
}

export async function deviceById(q: Queryable, id: string): Promise<Device | undefined> {
  const r = await q.one<DeviceRow>('SELECT * FROM devices WHERE id = $1', [id]);
  return r && rowToDevice(r);
}

/**
 * Every device, with how many of its changes carried a clock far ahead of the hub's (a laptop whose
 * clock is set wrong wins every concurrent edit until it is corrected: the admin should know which).
 */
export async function listDevices(q: Queryable): Promise<(Device & { clockAhead: number })[]> {
  const ahead = new Map((await q.all<{ device_id: string; n: number }>('SELECT device_id, count(*) AS n FROM changes WHERE clock_flag = 1 GROUP BY device_id'))
    .map((r) => [r.device_id, Number(r.n)]));
  return (await q.all<DeviceRow>('SELECT * FROM devices ORDER BY created_at')).map((r) => ({ ...rowToDevice(r), clockAhead: ahead.get(r.id) ?? 0 }));
}

/** Every device as an admin's laptop shows it: whose it is (name, role, towns), its state and when it last synced; no key. */
export async function deviceListing(q: Queryable): Promise<HubDevice[]> {
  const users = new Map((await listUsers(q)).map((u) => [u.name, u]));
  return (await listDevices(q)).map(({ publicKey: _k, cursor: _c, ...d }) => {
    const u = users.get(d.user);
    return { ...d, userDisplay: u?.display ?? d.user, role: u?.role ?? '', towns: u?.towns ?? [] };
  });
}

export async function setDeviceState(q: Queryable, id: string, state: 'approved' | 'revoked'): Promise<Device> {
  const d = await deviceById(q, id);
  if (!d) throw new HubRefusal(404, 'not_found', `没有设备“${id}”`);
  if (d.state === 'revoked') throw new HubRefusal(409, 'revoked', `设备“${id}”已注销，不能再启用；请重新登记`);
  if (d.state === state) return d;
  const col = state === 'approved' ? 'approved_at' : 'revoked_at';
  await q.run(`UPDATE devices SET state = $2, ${col} = $3 WHERE id = $1`, [id, state, new Date().toISOString()]);
  return (await deviceById(q, id))!;
}

/** Whether a signature over a message was made by this device's key. */
export function signedBy(device: Device, message: string | Buffer, signature: string): boolean {
  const key = createPublicKey({ key: Buffer.from(device.publicKey, 'base64'), format: 'der', type: 'spki' });
  try { return verifySignature(null, Buffer.from(message), key, Buffer.from(signature, 'base64')); } catch { return false; }
}

/** The author behind a device, refused when the device or its user may no longer sync. */
export async function authorOfDevice(q: Queryable, deviceId: string): Promise<Author & { device: Device }> {
  const device = await deviceById(q, deviceId);
  if (!device) throw new HubRefusal(401, 'unknown_device', '本中心不认识该设备，请重新登记');
  if (device.state === 'revoked') throw new HubRefusal(403, 'revoked', '该设备已被管理员注销，不能再同步；如需继续使用请重新登记');
  if (device.state !== 'approved') throw new HubRefusal(403, 'pending', '该设备的登记尚待管理员批准');
  const u = await userByName(q, device.user);
  if (!u || u.disabled) throw new HubRefusal(403, 'disabled', `用户“${device.user}”已停用`);
  return { deviceId: device.id, node: device.node, user: u.name, role: u.role, towns: u.towns, device };
}
