import { whereBuilder } from '../store/search';

/** What a ledger is asked for: a period (yyyy-mm-dd, inclusive), towns, a watershed, a type, a state. */
export type LedgerFilters = {
  from?: string; to?: string; townCodes?: string[]; watershedId?: string; type?: string; state?: string;
  /** Complainants' names in full (only for people with the right, 信访人信息保密). */
  revealComplainants?: boolean;
  /** Today for 是否超期 (simulated in rehearsals). */
  today?: string;
};

export type LedgerRow = Record<string, unknown>;
/** A ledger's rows; `count` counts them from the main table alone (the filters only name its columns). */
export type Query = { sql: string; count: string; params: unknown[]; map?: (r: LedgerRow) => LedgerRow };

type Where = ReturnType<typeof whereBuilder>;

/** Rows in the chosen towns. */
export function towns(w: Where, column: string, codes?: string[]): void {
  if (codes?.length) w.add(`${column} IN (${codes.map(() => '?').join(', ')})`, ...codes);
}

/** Rows whose date (or date-time) column falls in the period, both ends inclusive. */
export function period(w: Where, column: string, f: LedgerFilters): void {
  if (f.from) w.add(`${column} >= ?`, f.from);
  if (f.to) w.add(`${column} < ?`, `${f.to}T99`);
}
