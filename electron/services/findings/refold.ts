import type { RecordEvent } from '../../../shared/events/event';
import { foldFinding } from '../../../shared/finding/fold';
import { eventsByRecord } from '../../store/events';
import { cacheFindingFold } from '../../store/findings';
import type { Store } from '../../store/store';
import { changesOfKind } from '../../store/history';

type Seed = { deadline: string; responsibleUnit: string; responsiblePerson: string };

/** Every finding's seed from the change log in one pass (the fields as last written, in HLC order). */
function allSeeds(store: Store): Map<string, Seed> {
  const seeds = new Map<string, Seed>();
  for (const r of changesOfKind(store.db, 'finding')) {
    const f = JSON.parse(r.fields) as Record<string, unknown>;
    const s = seeds.get(r.id) ?? { deadline: '', responsibleUnit: '', responsiblePerson: '' };
    for (const k of ['deadline', 'responsibleUnit', 'responsiblePerson'] as const) if (typeof f[k] === 'string') s[k] = f[k] as string;
    seeds.set(r.id, s);
  }
  return seeds;
}

/**
 * Refolds every finding of the workspace from its events and rewrites the derived columns (after
 * a sync brought events, or to repair a cache). Returns counts and how long the fold itself took.
 */
export function refoldAllFindings(store: Store): { findings: number; events: number; flagged: number; foldMs: number } {
  const seeds = allSeeds(store);
  const logs: [string, RecordEvent[]][] = [...eventsByRecord(store.db, 'finding')];
  const started = performance.now();
  const folded = logs.map(([id, events]) => [id, seeds.has(id) ? foldFinding(seeds.get(id)!, events) : null] as const);
  const foldMs = performance.now() - started;
  let flagged = 0;
  store.transaction(() => {
    for (const [id, r] of folded) {
      if (!r) continue;
      flagged += r.flags.size;
      cacheFindingFold(store.db, id, r.state, r.flags.size);
    }
  });
  return { findings: folded.length, events: logs.reduce((n, [, e]) => n + e.length, 0), flagged, foldMs };
}
