import type { HubRole } from '../../shared/sync/roles';

/** Who reads: a role, the towns a town officer answers for, and (reading the log) their own node. */
export type Reader = { role: HubRole; towns: string[]; node?: string };

/**
 * The visibility clause for a reader: a town officer sees their towns, records with no town, and the
 * records their towns' records name (`record_refs`: another town's enterprise an outfall of theirs
 * belongs to, the outfall a complaint of theirs is about and its enterprise — read-only references, issue 21) — and, in the log (`node` given), changes that moved
 * a record out of their towns (so their copy shows it left) and their own changes (one an admin
 * released from quarantine comes back as settled). `first` is the number of the clause's first
 * placeholder; the clause's table is `changes` or `records` (its `entity`, `entity_id`, `town`), named
 * `alias` when the query joins others; `refs` false leaves references out (what is theirs to hold).
 */
export function visibleClause(who: Reader, first: number, alias = '', refs = true): { sql: string; params: unknown[] } {
  const a = alias ? `${alias}.` : '';
  if (who.role !== 'town') return { sql: '', params: [] };
  const marks = who.towns.map((_, i) => `$${first + i}`).join(', ');
  const mine = who.towns.length ? ` OR ${a}town IN (${marks})` : '';
  // Named by a record of theirs — or by an outfall so named (its enterprise: the outfall cannot be read without it).
  const ofTheirs = `SELECT rr.to_entity, rr.to_id FROM record_refs rr JOIN records fr ON fr.entity = rr.from_entity AND fr.entity_id = rr.from_id WHERE fr.town IN (${marks})`;
  const named = who.towns.length && refs ? ` OR (${a}entity, ${a}entity_id) IN (${ofTheirs})
    OR (${a}entity, ${a}entity_id) IN (SELECT r2.to_entity, r2.to_id FROM record_refs r2 WHERE r2.from_entity = 'outfall' AND (r2.from_entity, r2.from_id) IN (${ofTheirs}))` : '';
  if (!who.node) return { sql: ` AND (${a}town IS NULL${mine}${named})`, params: who.towns };
  const moved = who.towns.length ? ` OR ${a}prev_town IN (${marks})` : '';
  return { sql: ` AND (${a}town IS NULL${mine}${named}${moved} OR ${a}node = $${first + who.towns.length})`, params: [...who.towns, who.node] };
}
