import { currentEpoch } from './epoch';
import { lastNseqOf } from '../db/changes';
import { lastAuditOf } from '../db/audit';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { enrollRequestSchema } from '../../shared/sync/protocol';
import { deviceById, noteDeviceSeen } from '../db/devices';
import type { HubDb } from '../db/hub-db';
import { authorOfDevice, enrollDevice, signedBy } from './accounts';
import { HubRefusal } from './hub-error';
import { issueToken, readToken, useChallenge, type HubKeys } from './keys';
import { noteFailure, noteSuccess, refuseIfLocked, signinKeys } from './signin-throttle';
import { authenticateUser } from './users';

/** How long a device's token lasts before it signs a fresh challenge. */
export const TOKEN_TTL_MS = 15 * 60_000;

/**
 * Enrols a laptop for an account that signs in with its password (throttled per account and per
 * address): its key is registered, approved at once for an admin, else waiting for one.
 */
export async function enroll(db: HubDb, keys: HubKeys, body: z.infer<typeof enrollRequestSchema>, ip: string, log: Logger) {
  const throttle = signinKeys(body.user, ip);
  await refuseIfLocked(db, throttle);
  let user;
  try {
    user = await authenticateUser(db, body.user, body.password);
  } catch (e) {
    if (e instanceof HubRefusal && e.code === 'bad_credentials') { await db.tx((q) => noteFailure(q, throttle, log)); log.warn({ user: body.user, ip }, 'sign-in failed'); }
    throw e;
  }
  await db.tx((q) => noteSuccess(q, throttle));
  const device = await db.tx((q) => enrollDevice(q, user, body.deviceName, body.publicKey));
  log.info({ device: device.id, user: user.name, state: device.state }, 'device enrolled');
  return { deviceId: device.id, node: device.node, state: device.state, hubId: keys.hubId, hubKey: keys.publicKey, role: user.role, towns: user.towns };
}

/** A device's own enrolment state, told only to the device itself (it signs a fresh challenge). */
export async function enrolmentState(db: HubDb, keys: HubKeys, deviceId: string, challenge: string, signature: string) {
  const d = await deviceById(db, deviceId);
  if (!d || !signedBy(d, challenge, signature)) throw new HubRefusal(401, 'signature', '设备签名不对：只有该设备本身可以查询其登记状态');
  if (!(await db.tx((q) => useChallenge(q, keys.secret, challenge)))) throw new HubRefusal(401, 'challenge', '登录挑战已过期或已用过，请重试');
  return { state: d.state };
}

/** A short-lived token for a device that signed a fresh challenge with its key, with its account's role and towns. */
export async function deviceToken(db: HubDb, keys: HubKeys, deviceId: string, challenge: string, signature: string) {
  const device = await deviceById(db, deviceId);
  if (!device) throw new HubRefusal(401, 'unknown_device', '本中心不认识该设备，请重新登记');
  if (!signedBy(device, challenge, signature)) throw new HubRefusal(401, 'signature', '设备签名不对（密钥不符）');
  if (!(await db.tx((q) => useChallenge(q, keys.secret, challenge)))) throw new HubRefusal(401, 'challenge', '登录挑战已过期或已用过，请重试');
  const who = await authorOfDevice(db, device.id);
  // What a laptop checks at each sync: the hub's epoch (a restore starts a new one), and how far the hub
  // holds its changes and audit entries (it sends again from there after a restore).
  const [epoch, lastNseq, audit] = await Promise.all([currentEpoch(db), lastNseqOf(db, who.node), lastAuditOf(db, device.id)]);
  return {
    token: issueToken(keys.secret, device.id, TOKEN_TTL_MS), expiresInMs: TOKEN_TTL_MS, role: who.role, towns: who.towns, node: who.node,
    epoch, lastNseq, auditSeq: audit?.seq ?? 0,
  };
}

/** The author behind a request's bearer token (refused when forged, expired or no longer allowed); the device is noted as seen. */
export async function tokenAuthor(db: HubDb, keys: HubKeys, authorization: string) {
  const deviceId = authorization.startsWith('Bearer ') ? readToken(keys.secret, authorization.slice(7)) : null;
  if (!deviceId) throw new HubRefusal(401, 'token', '令牌无效或已过期，请重新取得令牌');
  const who = await authorOfDevice(db, deviceId);
  await noteDeviceSeen(db, deviceId, new Date().toISOString());
  return who;
}
