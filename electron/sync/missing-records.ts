import { historiesResponseSchema } from '../../shared/sync/protocol';
import { prepared } from '../store/statements';
import type { Store } from '../store/store';
import { applyRemoteChanges, type ApplyReport } from './apply';
import type { HubClient } from './hub-client';

const BATCH = 100;

/**
 * Asks the hub for the whole history of the records whose changes were set aside here (`sync_missing`:
 * they entered this laptop's towns, never had or had before they left) and of their children, and
 * applies it as any changes are — in hub order, what this laptop already holds skipped. A record the
 * hub does not let this reader see is forgotten. `onPage` hears what each batch wrote and how many
 * records it completed.
 */
export async function fetchMissingRecords(store: Store, client: HubClient, onPage: (r: ApplyReport, records: number) => void): Promise<void> {
  for (;;) {
    const keys = prepared(store.db, 'SELECT entity, entity_id AS id FROM sync_missing ORDER BY noticed_at, entity, entity_id LIMIT ?').all(BATCH) as { entity: string; id: string }[];
    if (keys.length === 0) return;
    const { changes } = historiesResponseSchema.parse(await client.request('POST', '/v1/histories', { records: keys }));
    store.replicaTransaction(() => {
      const report = applyRemoteChanges(store, changes.map((c) => ({ ...c, history: true })));
      const done = prepared(store.db, 'DELETE FROM sync_missing WHERE entity = ? AND entity_id = ?');
      for (const k of keys) done.run(k.entity, k.id);
      const came = new Set(changes.map((c) => `${c.entity}\u0000${c.entityId}`));
      onPage(report, keys.filter((k) => came.has(`${k.entity}\u0000${k.id}`)).length);
    });
  }
}
