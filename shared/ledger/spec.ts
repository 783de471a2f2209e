/** How a cell value is written: text, a date (by setting), a number, a coordinate (by setting), yes/no. */
export type ColumnFormat = 'text' | 'date' | 'number' | 'integer' | 'coord' | 'bool';

/** A column: its header path (1–3 levels, the top ones grouping neighbours), width in characters, format. */
export type LedgerColumn = { key: string; header: string[]; width: number; format?: ColumnFormat; wrap?: boolean };

/** Where a ledger's rows come from; the last three arrive with the closed-loop issue. */
export type LedgerSource = 'enterprises' | 'outfalls' | 'inspections' | 'findings' | 'complaints' | 'cases' | 'plans';

export type LedgerFilterName = 'period' | 'towns' | 'watershed' | 'type' | 'state';

/**
 * A 台账 as data (DESIGN §7): the title, the columns and their header groups, the filters it takes,
 * and the notes printed under it. 序号 is added in front of every ledger, spanning all header rows.
 */
export type LedgerSpec = {
  id: string;
  name: string;
  /** `{county}` is replaced by the county's name. */
  title: string;
  source: LedgerSource;
  columns: LedgerColumn[];
  filters: LedgerFilterName[];
  /** What the `type` and `state` filters offer, when the ledger takes them. */
  typeOptions?: readonly string[];
  stateOptions?: readonly string[];
  notes?: string[];
};
