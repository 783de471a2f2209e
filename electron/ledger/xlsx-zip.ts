import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { DomainError } from '../../shared/api/result';

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
 * The merged ranges of one worksheet part (`<mergeCell ref="A1:C2"/>`), read by inflating that part
 * as a stream and scanning it, so a large sheet is never held whole. 1-based rows and columns.
 */
export function mergedRanges(bytes: Uint8Array, entry: string): { top: number; left: number; bottom: number; right: number }[] {
  const out: { top: number; left: number; bottom: number; right: number }[] = [];
  let tail = '';
  const decoder = new TextDecoder();
  const scan = (text: string) => {
    const all = tail + text;
    const re = /<mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g;
    let m: RegExpExecArray | null;
    let end = 0;
    while ((m = re.exec(all))) { out.push({ left: colNumber(m[1]), top: Number(m[2]), right: colNumber(m[3]), bottom: Number(m[4]) }); end = re.lastIndex; }
    tail = all.slice(Math.max(end, all.length - 100));
  };
  const uz = new Unzip((file) => {
    if (file.name !== entry) return;
    file.ondata = (err, chunk, final) => {
      if (err) return;
      scan(decoder.decode(chunk, { stream: !final }));
    };
    file.start();
  });
  uz.register(UnzipInflate);
  try { uz.push(bytes, true); } catch { /* a part we cannot stream: no merges known */ }
  return out;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
