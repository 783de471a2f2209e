import type { HubRole } from '../../shared/sync/roles';
import type { Queryable } from './hub-db';

/** The hub's accounts (`users`). */

/** A hub account: a role, and for a town officer the towns they answer for. */
export type User = { name: string; display: string; role: HubRole; towns: string[]; disabled: boolean; createdAt: string };
type UserRow = { name: string; display: string; role: HubRole; towns: string; password: string; disabled: number; created_at: string };

const rowToUser = (r: UserRow): User => ({ name: r.name, display: r.display, role: r.role, towns: JSON.parse(r.towns), disabled: r.disabled === 1, createdAt: r.created_at });

/** An account by name, if there is one. */
export async function userNamed(q: Queryable, name: string): Promise<User | undefined> {
  const r = await q.one<UserRow>('SELECT * FROM users WHERE name = $1', [name]);
  return r && rowToUser(r);
}

/** An account with its stored password hash, to check a sign-in against. */
export async function userWithPassword(q: Queryable, name: string): Promise<{ user: User; password: string } | undefined> {
  const r = await q.one<UserRow>('SELECT * FROM users WHERE name = $1', [name]);
  return r && { user: rowToUser(r), password: r.password };
}

/** Whether an account of this name exists. */
export async function userExists(q: Queryable, name: string): Promise<boolean> {
  return (await q.one('SELECT 1 FROM users WHERE name = $1', [name])) !== undefined;
}

/** Every account, by name. */
export async function allUsers(q: Queryable): Promise<User[]> {
  return (await q.all<UserRow>('SELECT * FROM users ORDER BY name')).map(rowToUser);
}

/** Adds an account, enabled (`password` is its hash). */
export function insertUser(q: Queryable, u: { name: string; display: string; role: string; towns: string[]; password: string; createdAt: string }): Promise<void> {
  return q.run('INSERT INTO users (name, display, role, towns, password, disabled, created_at) VALUES ($1, $2, $3, $4, $5, 0, $6)',
    [u.name, u.display, u.role, JSON.stringify(u.towns), u.password, u.createdAt]);
}

/** Sets an account's name shown, role and towns. */
export function setUserProfile(q: Queryable, name: string, display: string, role: string, towns: string[]): Promise<void> {
  return q.run('UPDATE users SET display = $2, role = $3, towns = $4 WHERE name = $1', [name, display, role, JSON.stringify(towns)]);
}

/** Sets an account's password hash. */
export function setPasswordHash(q: Queryable, name: string, hash: string): Promise<void> {
  return q.run('UPDATE users SET password = $2 WHERE name = $1', [name, hash]);
}

/** Sets whether an account may sign in. */
export function setUserDisabled(q: Queryable, name: string, disabled: boolean): Promise<void> {
  return q.run(disabled ? 'UPDATE users SET disabled = 1 WHERE name = $1' : 'UPDATE users SET disabled = 0 WHERE name = $1', [name]);
}

/** Notes that an account signed in on a device (what the device may ask after at its syncs). */
export function noteDeviceAccount(q: Queryable, deviceId: string, user: string): Promise<void> {
  return q.run('INSERT INTO device_accounts (device_id, user_name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [deviceId, user]);
}

/** The accounts that have signed in on a device. */
export async function accountsOfDevice(q: Queryable, deviceId: string): Promise<string[]> {
  return (await q.all<{ user_name: string }>('SELECT user_name FROM device_accounts WHERE device_id = $1', [deviceId])).map((r) => r.user_name);
}
