/** How a domain field is kept in a column: plain, 0/1 boolean, or JSON text. */
export type ColumnKind = 'plain' | 'bool' | 'json';

/** A record kind's table, key and columns: how the write path stores its fields. */
export type EntityTable = {
  entity: string;
  table: string;
  key: string;
  /** domain field → column (and how it is kept). */
  columns: Record<string, string | [string, ColumnKind]>;
};

/** The column and kind a field's spec names. */
export function columnOf(spec: string | [string, ColumnKind]): [string, ColumnKind] {
  return typeof spec === 'string' ? [spec, 'plain'] : spec;
}

/** Converts a domain value to what the column holds. */
export function toColumn(kind: ColumnKind, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (kind === 'bool') return value ? 1 : 0;
  if (kind === 'json') return JSON.stringify(value);
  return value;
}

/** Converts a column value back to the domain value. */
export function fromColumn(kind: ColumnKind, value: unknown): unknown {
  if (kind === 'bool') return value === 1;
  if (kind === 'json') return value === null ? null : JSON.parse(value as string);
  return value;
}
