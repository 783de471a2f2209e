import { DomainError } from '../../../shared/api/result';
import type { SheetMerge } from './xlsx-stream';
import { streamParts, type ZipFile } from './zip-file';

/**
 * Limits on what an .xlsx may unpack to, read from its central directory before anything is inflated:
 * a real register (even a full 1,048,576-row sheet) stays far below them; a zip bomb does not.
 */
export const XLSX_LIMITS = { entries: 10_000, entryBytes: 2 * 1024 ** 3, totalBytes: 4 * 1024 ** 3, ratio: 400 };

/**
 * Checks an .xlsx's declared sizes from its central directory. Refuses, in Chinese, a workbook whose
 * parts would unpack past the limits or compress far beyond what XML does.
 */
export function checkZipSizes(zip: ZipFile, name: string): { total: number } {
  const { entries } = zip;
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

const MAX_MERGES = 100_000;

/**
 * How many rows with content each worksheet part holds (`</row>`: an empty row is self-closing) and its
 * merged ranges, in the zip's order, read by inflating each part as a stream without keeping any of it
 * — so a sheet far past the import limit is refused in seconds and a few MB, before any cell is parsed,
 * and the rows that follow can be read once, in order, with their merged cells filled.
 */
export function scanSheets(zip: ZipFile): { entry: string; rows: number; merges: SheetMerge[] }[] {
  const out = new Map<string, { entry: string; rows: number; merges: SheetMerge[]; tail: string }>();
  let merges = 0;
  try {
    streamParts(zip, (name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name), (entry, piece) => {
      let counted = out.get(entry);
      if (!counted) out.set(entry, (counted = { entry, rows: 0, merges: [], tail: '' }));
      const text = counted.tail + piece;
      let end = 0;
      for (let at = text.indexOf('</row>'); at >= 0; at = text.indexOf('</row>', end)) { counted.rows++; end = at + 6; }
      for (const m of text.matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"[^>]*>/g)) {
        if (merges++ >= MAX_MERGES) break;
        counted.merges.push({ left: columnNumber(m[1]), top: Number(m[2]), right: columnNumber(m[3]), bottom: Number(m[4]) });
        end = Math.max(end, m.index! + m[0].length);
      }
      // What may be the start of a tag cut by the piece's end is looked at again with the next piece.
      const open = text.lastIndexOf('<');
      counted.tail = text.slice(Math.max(end, open >= 0 && text.length - open < 200 ? open : text.length - 5));
    });
  } catch (e) {
    if (e instanceof DomainError) throw e; // a refusal (a part past its declared size) is said as it is
    /* unreadable: the reader that follows says so */
  }
  return [...out.values()].map(({ entry, rows, merges: m }) => ({ entry, rows, merges: m }));
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
