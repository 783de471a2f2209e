import type { HubRole } from '../../shared/sync/roles';

/** Who reads: a role, the towns a town officer answers for, and (reading the log) their own node. */
export type Reader = { role: HubRole; towns: string[]; node?: string };

/**
 * The visibility clause for a reader: a town officer sees their towns and records with no town — and,
 * in the log (`node` given), changes that moved a record out of their towns (so their copy shows it
 * left) and their own changes (one an admin released from quarantine comes back as settled).
 * `first` is the number of the clause's first placeholder.
 */
export function visibleClause(who: Reader, first: number): { sql: string; params: unknown[] } {
  if (who.role !== 'town') return { sql: '', params: [] };
  const marks = who.towns.map((_, i) => `$${first + i}`).join(', ');
  const mine = who.towns.length ? ` OR town IN (${marks})` : '';
  if (!who.node) return { sql: ` AND (town IS NULL${mine})`, params: who.towns };
  const moved = who.towns.length ? ` OR prev_town IN (${marks})` : '';
  return { sql: ` AND (town IS NULL${mine}${moved} OR node = $${first + who.towns.length})`, params: [...who.towns, who.node] };
}
