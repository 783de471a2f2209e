import { historiesResponseSchema } from '../../../shared/sync/protocol';
import type { Store } from '../../store/store';
import { missingDone, missingRecords } from '../../store/sync-missing';
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
    const keys = missingRecords(store.db, BATCH);
    if (keys.length === 0) return;
    const { changes } = historiesResponseSchema.parse(await client.request('POST', '/v1/histories', { records: keys }));
    store.replicaTransaction(() => {
      const report = applyRemoteChanges(store, changes.map((c) => ({ ...c, history: true })));
      for (const k of keys) missingDone(store.db, k.entity, k.id);
      const came = new Set(changes.map((c) => `${c.entity}\u0000${c.entityId}`));
      onPage(report, keys.filter((k) => came.has(`${k.entity}\u0000${k.id}`)).length);
    });
  }
}
