import { DomainError } from '../../../shared/api/result';
import type { HubSlot } from '../../store/key-slots';
import type { Store } from '../../store/store';
import { readSyncState, writeSyncState } from '../../store/sync-state';
import { HubAnswer, HubClient } from './hub-client';

/*
 * A joined laptop's hub slot (issue 18): its workspace key wrapped by a secret the hub keeps for this
 * device. Fetched once after enrolment (over the device's own session); when the laptop is locked, a
 * person's hub password gets the secret back from the hub (while the device is approved there).
 */

/** Asks the hub for this device's seal secret once (a sync's session: the device proves itself). */
export async function fetchSealSecret(store: Store, client: HubClient): Promise<void> {
  if (readSyncState(store.db).sealSecret) return;
  const { secret } = await client.request<{ secret: string }>('POST', '/v1/device/seal', {});
  if (Buffer.from(secret, 'base64').length !== 32) throw new DomainError('invalid', '同步中心给出的解锁密钥格式不对');
  writeSyncState(store.db, { sealSecret: secret });
}

/**
 * The seal secret of a locked laptop from its hub, for a hub account's password: null when the hub says
 * the password is wrong; the hub's refusal (device revoked, too many tries) or no network said plainly.
 */
export async function unsealAtHub(slot: HubSlot, user: string, password: string): Promise<Buffer | null> {
  try {
    const { secret } = await HubClient.of(slot.url, slot.fingerprint).request<{ secret: string }>('POST', '/v1/accounts/unseal', { deviceId: slot.deviceId, user, password });
    return Buffer.from(secret, 'base64');
  } catch (e) {
    if (e instanceof HubAnswer && e.status === 401) return null;
    if (e instanceof HubAnswer && e.status === 429) throw new DomainError('locked', e.message);
    if (e instanceof HubAnswer) throw new DomainError('forbidden', e.message);
    throw new DomainError('unauthenticated', `该账号尚未在本机登录过（或密码已在同步中心更改），须联网到同步中心核对：${(e as Error).message}`);
  }
}
