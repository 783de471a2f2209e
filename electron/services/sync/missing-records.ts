import { historiesResponseSchema, type SnapshotRecord } from '../../../shared/sync/protocol';
import type { SequencedChange } from '../../../shared/sync/change';
import type { Store } from '../../store/store';
import { missingDone, missingRecords } from '../../store/sync-missing';
import { applyRemoteChanges, type ApplyReport } from './apply';
import { snapshotChanges } from './snapshot';
import { inSnapshotOrder } from '../../../shared/sync/entity-order';
import { recordHeld } from '../../store/record-town';
import type { HubClient } from './hub-client';

const BATCH = 100;

/**
 * Applies what the hub sent for records a laptop asked for (by network or in a return bundle): a
 * reference it lacks taken as it stands (as a snapshot gives it), what it names first; every other
 * record brought up to date by its history. `requested`: what was asked for (a record named again
 * from one of these is not asked again). Returns the report and the references taken whole.
 */
export function applyFetched(store: Store, changes: SequencedChange[], records: SnapshotRecord[], requested: Set<string>): { report: ApplyReport; taken: Set<string> } {
  const order = inSnapshotOrder([...new Set(records.map((r) => r.entity))]);
  const unheld = records.filter((r) => !recordHeld(store.db, r.entity, r.entityId)).sort((a, b) => order.indexOf(a.entity) - order.indexOf(b.entity));
  const taken = new Set(unheld.map((r) => `${r.entity}\u0000${r.entityId}`));
  const history = changes.filter((c) => !taken.has(`${c.entity}\u0000${c.entityId}`)).map((c) => ({ ...c, history: true }));
  return { report: applyRemoteChanges(store, [...snapshotChanges(unheld), ...history], { requested }), taken };
}

/**
 * Asks the hub for the whole history of the records whose changes were set aside here (`sync_missing`:
 * they entered this laptop's towns, never had or had before they left) and of their children, and
 * applies it as any changes are — in hub order, what this laptop already holds skipped. A record the
 * hub does not let this reader see is forgotten. `onPage` hears what each batch wrote and how many
 * records it completed.
 */
export async function fetchMissingRecords(store: Store, client: HubClient, onPage: (r: ApplyReport, records: number) => void): Promise<void> {
  // What this run asked for: a history naming one of them again (the hub would not give it) is not asked again.
  const requested = new Set<string>();
  for (;;) {
    const keys = missingRecords(store.db, BATCH);
    if (keys.length === 0) return;
    const { changes, records } = historiesResponseSchema.parse(await client.request('POST', '/v1/histories', { records: keys }));
    store.replicaTransaction(() => {
      for (const k of keys) missingDone(store.db, k.entity, k.id);
      for (const k of keys) requested.add(`${k.entity}\u0000${k.id}`);
      const { report, taken } = applyFetched(store, changes, records, requested);
      const came = new Set([...changes.map((c) => `${c.entity}\u0000${c.entityId}`), ...taken]);
      onPage(report, keys.filter((k) => came.has(`${k.entity}\u0000${k.id}`)).length);
    });
  }
}
