import { decoyHash, hashPassword, outdated, passwordMatches } from './password';
import { HUB_ROLES } from '../../shared/sync/roles';
import { revokeDevicesOf } from '../db/devices';
import type { Queryable } from '../db/hub-db';
import { allUsers, insertUser, setPasswordHash, setUserDisabled, setUserProfile, userExists, userNamed, userWithPassword, type User } from '../db/users';
import { HubRefusal } from './hub-error';

export { SCRYPT } from '../../shared/auth/password-hash';

/** The rules an account's role, towns and password follow, the same when it is made and when it is changed. */
function checkAccount(u: { role: string; towns: string[]; password?: string; display?: string }): void {
  if (!(u.role in HUB_ROLES)) throw new HubRefusal(400, 'invalid', `角色应为 ${Object.keys(HUB_ROLES).join(' / ')}（${Object.values(HUB_ROLES).join('、')}），收到“${u.role}”`);
  if (u.role === 'town' && u.towns.length === 0) throw new HubRefusal(400, 'invalid', '镇街工作人员须指定负责的镇街（--towns 镇街代码,…）');
  if (u.towns.some((t) => !/^\d{9}(\d{3})?$/.test(t))) throw new HubRefusal(400, 'invalid', '镇街代码应为 9 或 12 位数字');
  if (u.password !== undefined && u.password.length < 8) throw new HubRefusal(400, 'invalid', '密码至少 8 位');
  if (u.display !== undefined && (u.display.trim() === '' || u.display.length > 50)) throw new HubRefusal(400, 'invalid', '姓名应为 1–50 个字');
}

/** Makes an account (its password hashed), refused when its name, role, towns or password break the rules or the name is taken. */
export async function addUser(q: Queryable, u: { name: string; display?: string; role: string; towns: string[]; password: string }): Promise<User> {
  if (!/^[\w.\-\u4e00-\u9fa5]{1,50}$/.test(u.name)) throw new HubRefusal(400, 'invalid', `用户名“${u.name}”不合规：1–50 个字母、数字、汉字或 . _ -`);
  checkAccount(u);
  if (await userExists(q, u.name)) throw new HubRefusal(409, 'exists', `用户“${u.name}”已存在`);
  await insertUser(q, { name: u.name, display: u.display?.trim() || u.name, role: u.role, towns: u.role === 'town' ? u.towns : [], password: await hashPassword(u.password), createdAt: new Date().toISOString() });
  return (await userNamed(q, u.name))!;
}

export type UserPatch = { display?: string; role?: string; towns?: string[]; password?: string; disabled?: boolean };

/**
 * Changes an account: its name shown, role, towns (a town officer's area: their laptops' next sync
 * brings the records of towns added), password, or whether it may sign in. Disabling revokes its
 * laptops; enabling again does not bring them back (they enrol anew).
 */
export async function updateUser(q: Queryable, name: string, patch: UserPatch): Promise<User> {
  const u = await userNamed(q, name);
  if (!u) throw new HubRefusal(404, 'not_found', `没有用户“${name}”`);
  const role = patch.role ?? u.role;
  const towns = role === 'town' ? (patch.towns ?? u.towns) : [];
  checkAccount({ role, towns, password: patch.password, display: patch.display });
  await setUserProfile(q, name, patch.display?.trim() ?? u.display, role, towns);
  if (patch.password !== undefined) await setPasswordHash(q, name, await hashPassword(patch.password));
  if (patch.disabled === true) await disableUser(q, name);
  if (patch.disabled === false) await setUserDisabled(q, name, false);
  return (await userNamed(q, name))!;
}

/** Every account, by name (no password hashes). */
export async function listUsers(q: Queryable): Promise<User[]> {
  return allUsers(q);
}

/** Stops an account signing in and revokes its laptops. */
export async function disableUser(q: Queryable, name: string): Promise<void> {
  if (!(await userExists(q, name))) throw new HubRefusal(404, 'not_found', `没有用户“${name}”`);
  await setUserDisabled(q, name, true);
  await revokeDevicesOf(q, name, new Date().toISOString());
}

/**
 * Checks a user's password. An unknown account, a wrong password and a disabled account get the same
 * answer after the same work (a hash is always computed), so the answer tells an attacker nothing.
 * A hash made with weaker parameters is upgraded now.
 */
export async function authenticateUser(q: Queryable, name: string, password: string): Promise<User> {
  const row = await userWithPassword(q, name);
  const ok = await passwordMatches(password, row?.password ?? await decoyHash());
  if (!row || !ok || row.user.disabled) throw new HubRefusal(401, 'bad_credentials', '用户名或密码不对，或该账号已停用');
  if (outdated(row.password)) await setPasswordHash(q, name, await hashPassword(password));
  return row.user;
}
