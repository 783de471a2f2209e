import type { Change } from '../../shared/sync/change';
import type { Queryable } from '../db/hub-db';
import { accountsOfDevice, userNamed } from '../db/users';
import type { Author } from './accounts';

/**
 * Who a change is judged as (issue 18; DESIGN §11: the hub decides from its own state). A laptop may be
 * shared — a bureau laptop a town officer signs in on — so a change made under a hub account names it,
 * and the hub judges it by that account's role and towns as the hub holds them now, not by what the
 * laptop says of it, and only when that account has signed in on the pushing device (`device_accounts`,
 * noted at the hub when the laptop checked the password there). A change naming no account (a program
 * on the laptop, a local account) is judged by the device's own account, as before.
 *
 * `cache`: one page's answers by account name (one lookup per account and page).
 */
export async function actingAuthor(q: Queryable, who: Author, c: Change, cache: Map<string, Author | string>): Promise<Author | string> {
  if (c.account === undefined || c.account === who.user) return who;
  const known = cache.get(c.account);
  if (known !== undefined) return known;
  const answer = await judge(q, who, c.account);
  cache.set(c.account, answer);
  return answer;
}

async function judge(q: Queryable, who: Author, account: string): Promise<Author | string> {
  const user = await userNamed(q, account);
  if (!user) return `变更署名的账号“${account}”在本中心不存在，已拒收`;
  if (!who.deviceId || !(await accountsOfDevice(q, who.deviceId)).includes(user.name)) {
    return `变更署名的账号“${account}”没有在推送它的设备上登录过，已拒收`;
  }
  return { ...who, user: user.name, role: user.role, towns: user.towns };
}
