import { keepReceipt, receiptHolds, recordsWithoutReceipt } from '../../store/record-signing';
import type { Store } from '../../store/store';
import { readSyncState } from '../../store/sync-state';
import type { HubClient } from './hub-client';

type Answer = { hubId: string; receipts: { inspectionId: string; sha256: string; hubSeq: number; receivedAt: string; signature: string }[] };

/**
 * After a sync: the hub's countersigned receipts of the signed records held here that have none yet
 * (issue 18), 500 at a time. Each is checked with the hub's key pinned at enrolment before it is kept;
 * one that does not hold is dropped. Returns how many were kept.
 */
export async function fetchReceipts(store: Store, client: HubClient, maxRounds = 40): Promise<number> {
  const s = readSyncState(store.db);
  if (!s.hubKey || !s.hubId) return 0;
  let kept = 0;
  const asked = new Set<string>();
  for (let round = 0; round < maxRounds; round++) {
    const ids = recordsWithoutReceipt(store.db, 500 + asked.size).filter((id) => !asked.has(id)).slice(0, 500);
    if (!ids.length) break;
    for (const id of ids) asked.add(id);
    const answer = await client.request<Answer>('POST', '/v1/receipts', { ids });
    if (answer.hubId !== s.hubId) break;
    store.transaction(() => {
      for (const r of answer.receipts) {
        if (!ids.includes(r.inspectionId) || !receiptHolds(s.hubKey!, { ...r, hubId: s.hubId! })) continue;
        keepReceipt(store.db, { ...r, hubId: s.hubId! });
        kept++;
      }
    });
  }
  return kept;
}
