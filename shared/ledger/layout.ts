import type { LedgerColumn } from './spec';

/** One header cell: its text and where it sits (1-based rows and columns within the header block). */
export type HeaderCell = { text: string; row: number; col: number; rowSpan: number; colSpan: number };

export const SERIAL: LedgerColumn = { key: '__serial', header: ['序号'], width: 6, format: 'integer' };

/**
 * The header block of a ledger: as many rows as the deepest header path; neighbouring columns that
 * share a group are merged across; a header shorter than the block spans down to its bottom.
 */
export function headerLayout(columns: LedgerColumn[]): { depth: number; cells: HeaderCell[] } {
  const depth = Math.max(...columns.map((c) => c.header.length));
  const cells: HeaderCell[] = [];
  for (let level = 0; level < depth; level++) {
    let c = 0;
    while (c < columns.length) {
      const path = columns[c].header;
      if (level >= path.length) { c++; continue; }
      const last = level === path.length - 1;
      let span = 1;
      // Group cells (not the leaf) merge with the neighbours under the same group path.
      while (!last && c + span < columns.length && sameGroup(columns[c + span].header, path, level)) span++;
      cells.push({ text: path[level], row: level + 1, col: c + 1, rowSpan: last ? depth - level : 1, colSpan: span });
      c += span;
    }
  }
  return { depth, cells };
}

function sameGroup(a: string[], b: string[], level: number): boolean {
  if (a.length <= level + 1) return false;
  for (let i = 0; i <= level; i++) if (a[i] !== b[i]) return false;
  return true;
}
