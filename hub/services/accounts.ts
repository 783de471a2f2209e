import { randomBytes, verify as verifySignature, createPublicKey } from 'node:crypto';
import type { HubDevice } from '../../shared/api/sync';
import type { HubRole } from '../../shared/sync/roles';
import { clockAheadByDevice } from '../db/changes';
import { allDevices, deviceById, insertDevice, setDeviceStateAt, type Device } from '../db/devices';
import type { Queryable } from '../db/hub-db';
import { userNamed, type User } from '../db/users';
import { HubRefusal } from './hub-error';
import { listUsers } from './users';

/** Who sends or reads through a device: its node, its account, that account's role and towns. */
export type Author = { deviceId: string | null; node: string; user: string; role: HubRole; towns: string[] };

/** Registers a device's key for a user; an admin's own device is approved at once, others wait for an admin. */
export async function enrollDevice(q: Queryable, user: User, deviceName: string, publicKey: string): Promise<Device> {
  try { createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' }); } catch { throw new HubRefusal(400, 'invalid', '设备公钥格式不对（应为 Ed25519 SPKI）'); }
  const id = `dev-${randomBytes(6).toString('hex')}`;
  const node = `n${randomBytes(5).toString('hex')}`;
  const now = new Date().toISOString();
  const state = user.role === 'admin' ? 'approved' : 'pending';
  await insertDevice(q, { id, node, user: user.name, name: deviceName, publicKey, state, createdAt: now, approvedAt: state === 'approved' ? now : null });
  return (await deviceById(q, id))!;
}

/**
 * Every device, with how many of its changes carried a clock far ahead of the hub's (a laptop whose
 * clock is set wrong wins every concurrent edit until it is corrected: the admin should know which).
 */
export async function listDevices(q: Queryable): Promise<(Device & { clockAhead: number })[]> {
  const ahead = await clockAheadByDevice(q);
  return (await allDevices(q)).map((d) => ({ ...d, clockAhead: ahead.get(d.id) ?? 0 }));
}

/** Every device as an admin's laptop shows it: whose it is (name, role, towns), its state and when it last synced; no key. */
export async function deviceListing(q: Queryable): Promise<HubDevice[]> {
  const users = new Map((await listUsers(q)).map((u) => [u.name, u]));
  return (await listDevices(q)).map(({ publicKey: _k, cursor: _c, ...d }) => {
    const u = users.get(d.user);
    return { ...d, userDisplay: u?.display ?? d.user, role: u?.role ?? '', towns: u?.towns ?? [] };
  });
}

/** Approves or revokes a device (a revoked one stays revoked: it enrols anew). */
export async function setDeviceState(q: Queryable, id: string, state: 'approved' | 'revoked'): Promise<Device> {
  const d = await deviceById(q, id);
  if (!d) throw new HubRefusal(404, 'not_found', `没有设备“${id}”`);
  if (d.state === 'revoked') throw new HubRefusal(409, 'revoked', `设备“${id}”已注销，不能再启用；请重新登记`);
  if (d.state === state) return d;
  await setDeviceStateAt(q, id, state, new Date().toISOString());
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
  const u = await userNamed(q, device.user);
  if (!u || u.disabled) throw new HubRefusal(403, 'disabled', `用户“${device.user}”已停用`);
  return { deviceId: device.id, node: device.node, user: u.name, role: u.role, towns: u.towns, device };
}
