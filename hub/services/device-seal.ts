import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { HubDb } from '../db/hub-db';
import { approvedSealSecret, sealSecretOf } from '../db/devices';
import { HubRefusal } from './hub-error';
import { noteFailure, noteSuccess, refuseIfLocked } from './signin-throttle';
import { authenticateUser } from './users';

/*
 * A laptop's workspace key is also wrapped by a secret the hub keeps for that device (issue 18), so
 * that a person who signs in there for the first time — or whose password was reset at the hub, or
 * who forgot the old one — opens it: the laptop cannot read its device key while it is locked, so this
 * is asked with the account's password alone, and answered only for an approved device.
 */

/** The device's seal secret, for its own authenticated request (made at the first asking). */
export function deviceSealSecret(db: HubDb, deviceId: string): Promise<{ secret: string }> {
  return db.tx(async (q) => ({ secret: await sealSecretOf(q, deviceId, randomBytes(32).toString('base64')) }));
}

/** The seal secret of a locked laptop, for a hub account's right password (throttled per device and account). */
export async function unsealDevice(db: HubDb, deviceId: string, user: string, password: string, ip: string, log: Logger): Promise<{ secret: string }> {
  const throttle = [`device:${deviceId}:user:${user.toLowerCase()}`];
  await refuseIfLocked(db, throttle);
  try {
    await authenticateUser(db, user, password);
  } catch (e) {
    if (e instanceof HubRefusal && e.code === 'bad_credentials') { await db.tx((q) => noteFailure(q, throttle, log)); log.warn({ user, ip, device: deviceId }, 'unseal refused: bad credentials'); }
    throw e;
  }
  const secret = await approvedSealSecret(db, deviceId);
  if (!secret) {
    log.warn({ user, ip, device: deviceId }, 'unseal refused: device not approved');
    throw new HubRefusal(403, 'device', '本机在同步中心未获批准或已被注销，同步中心不能为其解锁；请联系管理员');
  }
  await db.tx((q) => noteSuccess(q, throttle));
  log.info({ user, ip, device: deviceId }, 'laptop unsealed for a hub account');
  return { secret };
}
