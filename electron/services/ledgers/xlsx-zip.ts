import { unzipSync } from 'fflate';
import { DomainError } from '../../../shared/api/result';
import { streamParts } from './xlsx-stream';

/**
 * Limits on what an .xlsx may unpack to, read from its central directory before anything is inflated:
 * a real register (even a full 1,048,576-row sheet) stays far below them; a zip bomb does not.
 */
export const XLSX_LIMITS = { entries: 10_000, entryBytes: 2 * 1024 ** 3, totalBytes: 4 * 1024 ** 3, ratio: 400 };

/**
 * Checks an .xlsx's declared sizes from its central directory (null: not a zip at all). Refuses, in
 * Chinese, a workbook whose parts would unpack past the limits or compress far beyond what XML does.
 */
export function checkZipSizes(bytes: Uint8Array, name: string): { total: number } | null {
  const entries: { name: string; size: number; originalSize: number }[] = [];
  try {
    unzipSync(bytes, { filter: (f) => { entries.push({ name: f.name, size: f.size, originalSize: f.originalSize }); return false; } });
  } catch {
    return null;
  }
  if (!entries.length) return null;
  const bomb = `“${name}”解压后过大（疑似压缩炸弹），已拒绝导入：`;
  if (entries.length > XLSX_LIMITS.entries) throw new DomainError('invalid', `${bomb}含 ${entries.length} 个部件`);
  let total = 0;
  for (const e of entries) {
    total += e.originalSize;
    if (e.originalSize > XLSX_LIMITS.entryBytes) throw new DomainError('invalid', `${bomb}${e.name} 声明解压后 ${(e.originalSize / 1024 ** 3).toFixed(1)} GB`);
    if (e.originalSize > 1024 * 1024 && e.originalSize / Math.max(1, e.size) > XLSX_LIMITS.ratio) throw new DomainError('invalid', `${bomb}${e.name} 的压缩比 ${Math.round(e.originalSize / Math.max(1, e.size))}:1 远超正常表格`);
  }
  if (total > XLSX_LIMITS.totalBytes) throw new DomainError('invalid', `${bomb}共 ${(total / 1024 ** 3).toFixed(1)} GB`);
  return { total };
}

/**
 * How many rows with content each worksheet part holds (`</row>`: an empty row is self-closing), in
 * the zip's order, counted by inflating each part as a stream without keeping any of it — so a sheet
 * far past the import limit is refused in seconds and a few MB, before any cell is parsed.
 */
export function countSheetRows(bytes: Uint8Array): { entry: string; rows: number }[] {
  const out = new Map<string, { entry: string; rows: number; tail: string }>();
  try {
    streamParts(bytes, (name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name), (entry, piece) => {
      let counted = out.get(entry);
      if (!counted) out.set(entry, (counted = { entry, rows: 0, tail: '' }));
      const text = counted.tail + piece;
      let end = 0;
      for (let at = text.indexOf('</row>'); at >= 0; at = text.indexOf('</row>', end)) { counted.rows++; end = at + 6; }
      counted.tail = text.slice(Math.max(end, text.length - 5));
    });
  } catch { /* unreadable: the reader that follows says so */ }
  return [...out.values()].map(({ entry, rows }) => ({ entry, rows }));
}
