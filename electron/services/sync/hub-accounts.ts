import { DomainError } from '../../../shared/api/result';
import type { Role } from '../../../shared/auth/permissions';
import { allAccounts, forgetVerifier, setHubFacts } from '../../store/accounts';
import type { Store } from '../../store/store';
import { joinedToHub, readSyncState } from '../../store/sync-state';
import { HubAnswer } from './hub-client';
import { hubSession } from './session';

/** An account as the hub holds it (issue 18). */
export type HubAccountFacts = { name: string; display: string; role: Role; towns: string[]; passwordVersion: string };

/** Whether this laptop is joined to a hub and approved there (its people then sign in with hub accounts). */
export function joinedHub(store: Store): boolean {
  return joinedToHub(store.db);
}

/**
 * Checks a hub account's password at the hub (its first sign-in on this laptop, or after its password
 * changed there). A wrong password is answered as the local check answers it; no network is said plainly.
 */
export async function verifyAtHub(store: Store, user: string, password: string): Promise<HubAccountFacts | null> {
  try {
    const client = await hubSession(store);
    return await client.request<HubAccountFacts>('POST', '/v1/accounts/verify', { user, password });
  } catch (e) {
    if (e instanceof HubAnswer && e.status === 401) return null;
    if (e instanceof HubAnswer && e.status === 429) throw new DomainError('locked', e.message);
    throw new DomainError('unauthenticated', `该账号尚未在本机登录过，须联网到同步中心核对密码：${(e as Error).message}`);
  }
}

/** After a sync: each hub account this laptop knows is brought to what the hub says (disabled, role, towns, password changed). */
export async function refreshHubAccounts(store: Store): Promise<number> {
  const names = allAccounts(store.db).filter((a) => a.source === 'hub').map((a) => a.name);
  if (!names.length) return 0;
  const client = await hubSession(store);
  const { accounts } = await client.request<{ accounts: (HubAccountFacts & { exists: boolean; disabled: boolean })[] }>('POST', '/v1/accounts/state', { names });
  store.transaction(() => {
    for (const a of accounts) setHubFacts(store.db, a.name, { disabled: !a.exists || a.disabled, display: a.display, role: a.role, towns: a.towns, hubVersion: a.passwordVersion });
    // The hub answers only for accounts that signed in on this device (a laptop enrolled anew is a new
    // device): the others sign in at the hub again, once.
    const answered = new Set(accounts.map((a) => a.name));
    for (const name of names) if (!answered.has(name)) forgetVerifier(store.db, name);
  });
  return accounts.length;
}
