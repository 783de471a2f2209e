import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { HubDb } from '../db/hub-db';
import { approvedSealSecret, deviceById, sealSecretOf } from '../db/devices';
import { accountsOfDevice } from '../db/users';
import { HubRefusal } from './hub-error';
import { noteFailure, noteSuccess, refuseIfLocked, signinKeys } from './signin-throttle';
import { authenticateUser } from './users';

/*
 * A laptop's workspace key is also wrapped by a secret the hub keeps for that device (issue 18), so
 * that a person who signed in there before — after their password was reset at the hub, or forgotten
 * and reset — or an administrator opens it: the laptop cannot read its device key while it is locked,
 * so this is asked with the account's password alone. Answered only for an approved device, only for
 * an account tied to it (its enroller, an account that signed in there) or an administrator; guesses
 * are throttled per account, hub-wide, and per device.
 */

/** The device's seal secret, for its own authenticated request (made at the first asking). */
export function deviceSealSecret(db: HubDb, deviceId: string): Promise<{ secret: string }> {
  return db.tx(async (q) => ({ secret: await sealSecretOf(q, deviceId, randomBytes(32).toString('base64')) }));
}

/** The seal secret of a locked laptop, for the password of an account allowed to open it. */
export async function unsealDevice(db: HubDb, deviceId: string, user: string, password: string, ip: string, log: Logger): Promise<{ secret: string }> {
  // Per account hub-wide (whatever device id is named) and per device; not per address, which would lock
  // everyone behind an office's router.
  const throttle = [signinKeys(user, ip)[0], `device:${deviceId}:user:${user.toLowerCase()}`];
  await refuseIfLocked(db, throttle);
  // The device is checked before the password, and any refusal costs a failure: the answer is no oracle.
  const device = await deviceById(db, deviceId);
  const secret = device && device.state === 'approved' ? await approvedSealSecret(db, deviceId) : null;
  let account: Awaited<ReturnType<typeof authenticateUser>> | null = null;
  try {
    account = await authenticateUser(db, user, password);
  } catch (e) {
    if (!(e instanceof HubRefusal) || e.code !== 'bad_credentials') throw e;
  }
  const tied = account && device && (account.role === 'admin' || account.name === device.user || (await accountsOfDevice(db, deviceId)).includes(account.name));
  if (!account || !secret || !tied) {
    await db.tx((q) => noteFailure(q, throttle, log));
    log.warn({ user, ip, device: deviceId, reason: !account ? 'credentials' : !secret ? 'device' : 'not tied' }, 'unseal refused');
    if (!account) throw new HubRefusal(401, 'bad_credentials', '用户名或密码不对，或该账号已停用');
    if (!secret) throw new HubRefusal(403, 'device', '本机在同步中心未获批准或已被注销，同步中心不能为其解锁；请联系管理员');
    throw new HubRefusal(403, 'not_tied', '该账号没有在本机登录过：本机锁定时，请由在本机登录过的人员或管理员先登录解锁，之后即可在本机首次登录');
  }
  await db.tx((q) => noteSuccess(q, throttle));
  log.info({ user, ip, device: deviceId }, 'laptop unsealed for a hub account');
  return { secret };
}
