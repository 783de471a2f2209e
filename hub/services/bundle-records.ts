import type { SequencedChange } from '../../shared/sync/change';
import { bundleRequests } from '../db/bundle-requests';
import { recordsMovedBetween } from '../db/changes';
import type { Queryable } from '../db/hub-db';
import type { Author } from './accounts';
import { familyHistory } from './record-family';

type Key = { entity: string; id: string };

/**
 * The histories a return bundle carries besides its changes (what a networked laptop asks for with
 * POST /v1/histories): of the records its device's last bundle said it lacks, and for a town officer
 * of those the bundle's changes move into their towns — their changes alone are not the record —
 * with their children's. Only records the device may see.
 */
export async function historiesForBundle(q: Queryable, who: Pick<Author, 'deviceId' | 'role' | 'towns'>, from: number, to: number): Promise<SequencedChange[]> {
  const keys = new Map<string, Key>();
  const add = (k: Key) => keys.set(`${k.entity}\u0000${k.id}`, k);
  for (const k of await bundleRequests(q, who.deviceId)) add(k);
  if (who.role === 'town' && who.towns.length) {
    for (const r of await recordsMovedBetween(q, who, from, to)) add({ entity: r.entity, id: r.entity_id });
  }
  return keys.size ? familyHistory(q, who, [...keys.values()]) : [];
}
