import { recordsResponseSchema } from '../../shared/sync/protocol';
import { prepared } from '../store/statements';
import type { Store } from '../store/store';
import { applyRemoteChanges, type ApplyReport } from './apply';
import type { HubClient } from './hub-client';
import { snapshotChanges, takeUnheld } from './snapshot';

const BATCH = 500;

/**
 * Asks the hub for the whole records that changes arrived for without this laptop ever having them
 * (`sync_missing`), and writes them as a snapshot would: their heads, the changes that were set aside
 * included. One the hub does not let this reader see is forgotten. `onPage` hears what each batch wrote.
 */
export async function fetchMissingRecords(store: Store, client: HubClient, onPage: (r: ApplyReport, records: number) => void): Promise<void> {
  for (;;) {
    const keys = prepared(store.db, 'SELECT entity, entity_id AS id FROM sync_missing ORDER BY noticed_at, entity, entity_id LIMIT ?').all(BATCH) as { entity: string; id: string }[];
    if (keys.length === 0) return;
    const { records } = recordsResponseSchema.parse(await client.request('POST', '/v1/records', { records: keys }));
    store.replicaTransaction(() => {
      const unheld = takeUnheld(store.db, records);
      onPage(applyRemoteChanges(store, snapshotChanges(unheld)), unheld.length);
      const done = prepared(store.db, 'DELETE FROM sync_missing WHERE entity = ? AND entity_id = ?');
      for (const k of keys) done.run(k.entity, k.id);
    });
  }
}
