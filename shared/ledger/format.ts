import { formatDms } from '../domain/dms';
import type { LedgerColumn } from './spec';

/** How dates and coordinates are written, by workspace setting. */
export type LedgerStyle = { dates: 'cn' | 'iso'; coords: 'decimal' | 'dms' };

export const DATE_FORMATS = { cn: 'yyyy"年"m"月"d"日"', iso: 'yyyy-mm-dd' } as const;

/** A cell as the sheet holds it: a real date or number where Excel should see one, else text. */
export type CellValue = string | number | Date | null;

/** The value written for one column of one record. */
export function cellValue(column: LedgerColumn, raw: unknown, style: LedgerStyle): CellValue {
  if (raw === null || raw === undefined || raw === '') return null;
  switch (column.format) {
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(raw));
      return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : String(raw);
    }
    case 'coord': return style.coords === 'dms' ? formatDms(Number(raw)) : Number(raw);
    case 'number': case 'integer': return Number(raw);
    case 'bool': return raw === true || raw === 1 ? '是' : '否';
    default: return String(raw);
  }
}

/** The number format of a column's cells, if it has one. */
export function numberFormat(column: LedgerColumn, style: LedgerStyle): string | undefined {
  if (column.format === 'date') return DATE_FORMATS[style.dates];
  if (column.format === 'coord' && style.coords === 'decimal') return '0.000000';
  if (column.format === 'integer') return '0';
  return undefined;
}

/** The text a cell shows (for the preview page), as the sheet will display it. */
export function cellText(column: LedgerColumn, raw: unknown, style: LedgerStyle): string {
  const v = cellValue(column, raw, style);
  if (v === null) return '';
  if (v instanceof Date) {
    const [y, m, d] = [v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()];
    return style.dates === 'cn' ? `${y}年${m}月${d}日` : `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  if (typeof v === 'number') return column.format === 'coord' ? v.toFixed(6) : String(v);
  return v;
}

/** "2026年11月29日" — the 填报日期 of a ledger. */
export function chineseDate(d = new Date()): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/** Display width of text in Excel column units (a CJK character ≈ 2, others ≈ 1.1). */
function textUnits(s: string): number {
  let u = 0;
  for (const ch of s) u += ch.charCodeAt(0) > 0x2e7f ? 2 : 1.1;
  return u;
}

/**
 * The height (points) a data row needs for its wrapped cells: Excel and WPS do not fit rows to wrapped
 * text when a file opens, so the exporter sets it — 13.5 pt per line of 宋体 10.
 */
export function rowHeight(columns: LedgerColumn[], values: CellValue[]): number {
  let lines = 1;
  columns.forEach((c, i) => {
    const v = values[i];
    if (!c.wrap || typeof v !== 'string') return;
    const perLine = Math.max(1, c.width - 1.5);
    const n = v.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(textUnits(part) / perLine)), 0);
    if (n > lines) lines = n;
  });
  return Math.min(409, lines * 13.5 + 3);
}
