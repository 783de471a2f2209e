import { DomainError } from '../../../shared/api/result';
import { joinedToHub } from '../../store/sync-state';
import type { Store } from '../../store/store';
import { HubAnswer } from './hub-client';
import { hubSession } from './session';

/** How long a document waits for the hub's number before the laptop numbers it itself. */
const WAIT_MS = 8_000;

/**
 * The county's next 文号 of this kind, prefix and year, reserved at the hub for this laptop (issue 21:
 * county-wide numbers given by the hub when online) — not below `floor`, the laptop's own next. Null
 * when the laptop is joined to no hub or the hub cannot be reached in time: it numbers the document
 * itself then, after the highest it holds. A hub that refuses (this account may not handle cases) says why.
 */
export async function hubDocumentNumber(store: Store, kind: string, prefix: string, year: string, floor: number): Promise<string | null> {
  if (!joinedToHub(store.db)) return null;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((ok) => { timer = setTimeout(() => ok(null), WAIT_MS); });
  const ask = (async () => {
    const client = await hubSession(store);
    return (await client.request<{ number: string }>('POST', '/v1/numbers/document', { kind, prefix, year, floor })).number;
  })();
  try {
    return await Promise.race([ask, late]);
  } catch (e) {
    if (e instanceof HubAnswer && e.status === 403) throw new DomainError('forbidden', `同步中心拒绝分配文号：${e.message}`);
    return null;
  } finally {
    clearTimeout(timer);
    ask.catch(() => undefined);
  }
}
