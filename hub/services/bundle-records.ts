import type { SequencedChange } from '../../shared/sync/change';
import { bundleRequests } from '../db/bundle-requests';
import { recordsMovedBetween } from '../db/changes';
import type { Queryable } from '../db/hub-db';
import type { Author } from './accounts';
import { familyHistory, recordStates } from './record-family';
import type { SnapshotRecord } from '../../shared/sync/protocol';

type Key = { entity: string; id: string };

/**
 * The histories a return bundle carries besides its changes (what a networked laptop asks for with
 * POST /v1/histories): of the records its device's last bundle said it lacks, and for a town officer
 * of those the bundle's changes move into their towns — their changes alone are not the record —
 * with their children's. Only records the device may see, each also as it stands (a laptop lacking one
 * takes that, as over the network); `asked` is what the device asked for (one the hub does not give it
 * stops being asked).
 */
export async function historiesForBundle(q: Queryable, who: Pick<Author, 'deviceId' | 'role' | 'towns'>, from: number, to: number): Promise<{ histories: SequencedChange[]; references: SnapshotRecord[]; asked: Key[] }> {
  const keys = new Map<string, Key>();
  const add = (k: Key) => keys.set(`${k.entity}\u0000${k.id}`, k);
  const asked = await bundleRequests(q, who.deviceId);
  for (const k of asked) add(k);
  if (who.role === 'town' && who.towns.length) {
    for (const r of await recordsMovedBetween(q, who, from, to)) add({ entity: r.entity, id: r.entity_id });
  }
  if (!keys.size) return { histories: [], references: [], asked };
  return { histories: await familyHistory(q, who, [...keys.values()]), references: await recordStates(q, who, [...keys.values()]), asked };
}
