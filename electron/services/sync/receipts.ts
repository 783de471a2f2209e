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
  let after = 0; // records the hub has no receipt for yet are passed over, not asked again in this sync
  for (let round = 0; round < maxRounds; round++) {
    const page = recordsWithoutReceipt(store.db, after, 500);
    if (!page.length) break;
    after = page[page.length - 1].rowid;
    const ids = page.map((r) => r.id);
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
