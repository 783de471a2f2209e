import { SaxesParser } from 'saxes';
import { DomainError } from '../../../shared/api/result';
import { smallParts, streamParts, streamPartsAsync, type ZipFile } from './zip-file';

/**
 * A streaming reader of one .xlsx worksheet as text rows, written for the import (issue 16): the file
 * is read from disk and each part inflated 64 KiB at a time and parsed as a SAX stream, so neither the
 * file nor a sheet is ever held whole (issue 20), and text is decoded with a streaming UTF-8 decoder —
 * exceljs's own streaming reader breaks a Chinese character that falls across two chunks (exceljs
 * issues #2063, #2084, still open), which a register full of 单位名称 and 地址 would meet on every few
 * hundred rows.
 *
 * Cells read as Excel shows them: shared and inline strings, numbers, TRUE/FALSE, a formula as the
 * value Excel cached for it, dates (by the cell's number format, 1900 or 1904 system) as yyyy-mm-dd.
 * What is held is the workbook's table of distinct texts (shared strings), packed as UTF-8.
 */

export type SheetRow = { number: number; cells: string[] };
export type SheetMerge = { top: number; left: number; bottom: number; right: number };

/** A worksheet's bounds (Excel's: XFD, 1,048,576 rows) and how many merged ranges are read. */
const MAX_COLUMNS = 16_384;
const MAX_ROWS = 1_048_576;
const MAX_MERGES = 100_000;

/** The worksheets in the workbook's order: name and part. */
function sheetsOf(p: Record<string, string>): { name: string; part: string; date1904: boolean }[] {
  const rels = new Map([...(p['xl/_rels/workbook.xml.rels'] ?? '').matchAll(/<Relationship\b[^>]*>/g)].map((m) => {
    const id = m[0].match(/\bId="([^"]+)"/)?.[1] ?? '';
    const target = (m[0].match(/\bTarget="([^"]+)"/)?.[1] ?? '').replace(/^\/?xl\//, '').replace(/^\//, '');
    return [id, `xl/${target}`];
  }));
  const date1904 = /<workbookPr\b[^>]*date1904="(1|true)"/.test(p['xl/workbook.xml'] ?? '');
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...(p['xl/workbook.xml'] ?? '').matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
    name: decode(m[0].match(/\bname="([^"]*)"/)?.[1] ?? ''),
    part: rels.get(m[0].match(/\br:id="([^"]+)"/)?.[1] ?? '') ?? '',
    date1904,
  })).filter((s) => s.part);
}

/** Which cell styles show a date (ECMA-376 built-in date formats, and custom ones with date letters). */
function dateStyles(xml: string): Set<number> {
  const custom = new Map([...xml.matchAll(/<numFmt\b[^>]*>/g)].map((m) => [Number(m[0].match(/numFmtId="(\d+)"/)?.[1]), m[0].match(/formatCode="([^"]*)"/)?.[1] ?? '']));
  const isDate = (id: number) => {
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) return true;
    const f = (custom.get(id) ?? '').replace(/&quot;[^&]*&quot;/g, '').replace(/"[^"]*"/g, '').replace(/\[[^\]]*]/g, '');
    return /[ymdhsb]/i.test(f) && !/^general$/i.test(f);
  };
  const cellXfs = xml.match(/<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/)?.[1] ?? '';
  const out = new Set<number>();
  [...cellXfs.matchAll(/<xf\b[^>]*>/g)].forEach((m, i) => { if (isDate(Number(m[0].match(/numFmtId="(\d+)"/)?.[1] ?? 0))) out.add(i); });
  return out;
}

/** The workbook's distinct texts, packed as UTF-8 with their offsets: a few bytes each beyond the text itself. */
export class SharedStrings {
  /** What a workbook's texts may take: far past any register (200,000 rows of long names and addresses). */
  static readonly MAX_COUNT = 5_000_000;
  static readonly MAX_BYTES = 512 * 1024 * 1024;

  private bytes = Buffer.alloc(64 * 1024);
  private ends = new Uint32Array(1024);
  private used = 0;
  count = 0;

  push(text: string): void {
    const need = Buffer.byteLength(text);
    if (this.count >= SharedStrings.MAX_COUNT || this.used + need > SharedStrings.MAX_BYTES) {
      throw new DomainError('invalid', `工作簿的文字表过大（超过 ${SharedStrings.MAX_COUNT.toLocaleString('en-US')} 条或 ${SharedStrings.MAX_BYTES / 1024 ** 2} MB），不能导入：请分成几个文件再导入`);
    }
    if (this.used + need > this.bytes.length) {
      const grown = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + need));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(text, this.used);
    if (this.count === this.ends.length) { const grown = new Uint32Array(this.ends.length * 2); grown.set(this.ends); this.ends = grown; }
    this.ends[this.count++] = this.used;
  }

  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.count)) return undefined;
    return this.bytes.toString('utf8', i === 0 ? 0 : this.ends[i - 1], this.ends[i]);
  }
}

/** The shared strings, in order (rich text runs joined, phonetic guides left out). */
function sharedStrings(zip: ZipFile): SharedStrings {
  const out = new SharedStrings();
  const sax = new SaxesParser();
  let text: string | null = null;
  let inT = false;
  let phonetic = 0;
  sax.on('opentag', (t) => { if (t.name === 'si') text = ''; else if (t.name === 't') inT = true; else if (t.name === 'rPh') phonetic++; });
  sax.on('closetag', (t) => { if (t.name === 'si') { out.push(text ?? ''); text = null; } else if (t.name === 't') inT = false; else if (t.name === 'rPh') phonetic--; });
  sax.on('text', (s) => { if (inT && !phonetic && text !== null) text += s; });
  // A workbook of inline strings only has no shared-strings part.
  if (streamParts(zip, (n) => n === 'xl/sharedStrings.xml', (_n, s) => sax.write(s), () => true)) sax.close();
  return out;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) { const c = ch.charCodeAt(0); if (c < 65 || c > 90) break; n = n * 26 + (c - 64); }
  return n - 1;
}

function excelDate(serial: number, date1904: boolean): string {
  return new Date(Math.round((serial - (date1904 ? 24107 : 25569)) * 86_400_000)).toISOString().slice(0, 10);
}

/** A workbook opened for reading: its sheets in order, its shared strings and which styles show dates. */
export type Workbook = { zip: ZipFile; sheets: { name: string; part: string; date1904: boolean }[]; strings: SharedStrings; dates: Set<number> };

/** Opens a workbook's directory parts and its shared strings (the sheets are read later, one at a time). */
export function openWorkbook(zip: ZipFile): Workbook {
  const p = smallParts(zip, ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml']);
  return { zip, sheets: sheetsOf(p), strings: sharedStrings(zip), dates: dateStyles(p['xl/styles.xml'] ?? '') };
}

/** A SAX parser turning a worksheet's XML into text rows (`onRow`), gathering its merged ranges into `merges`. */
function rowParser(wb: Workbook, date1904: boolean, onRow: (row: SheetRow) => void, merges: SheetMerge[]): SaxesParser {
  const { strings, dates } = wb;
  const sax = new SaxesParser();
  let rowNumber = 0;
  let cells: string[] = [];
  let cell: { col: number; type: string; style: number; v: string; inline: string } | null = null;
  let into: 'v' | 't' | null = null;
  let nextCol = 0;
  sax.on('opentag', (t) => {
    const a = t.attributes as Record<string, string>;
    if (t.name === 'row') { rowNumber = a.r ? Number(a.r) : rowNumber + 1; cells = []; nextCol = 0; }
    else if (t.name === 'c') {
      const col = a.r ? columnIndex(a.r) : nextCol;
      if (col < 0 || col >= MAX_COLUMNS || rowNumber > MAX_ROWS) throw new Error(`cell ${a.r} outside a worksheet`);
      cell = { col, type: a.t ?? 'n', style: Number(a.s ?? 0), v: '', inline: '' };
      nextCol = col + 1;
    }
    else if (t.name === 'v' && cell) into = 'v';
    else if (t.name === 't' && cell) into = 't';
    else if (t.name === 'mergeCell' && a.ref) {
      const m = a.ref.match(/^([A-Z]+)(\d+):([A-Z]+)(\d+)$/);
      if (m && merges.length < MAX_MERGES) merges.push({ left: columnIndex(m[1]) + 1, top: Number(m[2]), right: columnIndex(m[3]) + 1, bottom: Number(m[4]) });
    }
  });
  sax.on('text', (s) => { if (cell && into === 'v') cell.v += s; else if (cell && into === 't') cell.inline += s; });
  sax.on('closetag', (t) => {
    if (t.name === 'v' || t.name === 't') into = null;
    else if (t.name === 'c' && cell) {
      const c = cell;
      let text = '';
      if (c.type === 's') text = strings.get(Number(c.v)) ?? '';
      else if (c.type === 'inlineStr') text = c.inline;
      else if (c.type === 'str') text = c.v;
      else if (c.type === 'b') text = c.v === '1' ? 'true' : 'false';
      else if (c.type === 'd') text = c.v.slice(0, 10);
      else if (c.type === 'e') text = '';
      else if (c.v !== '') { const n = Number(c.v); text = Number.isFinite(n) ? (dates.has(c.style) ? excelDate(n, date1904) : String(n)) : c.v; }
      cells[c.col] = text.trim();
      cell = null;
    } else if (t.name === 'row') {
      if (cells.length) onRow({ number: rowNumber, cells });
    }
  });
  return sax;
}

/**
 * Reads a worksheet part row by row: `onRow` gets each row with any cell (it may throw to stop);
 * returns the sheet's merged ranges (the part lists them after its rows).
 */
export function readSheetRows(wb: Workbook, part: string, date1904: boolean, onRow: (row: SheetRow) => void): SheetMerge[] {
  const merges: SheetMerge[] = [];
  const sax = rowParser(wb, date1904, onRow, merges);
  streamParts(wb.zip, (n) => n === part, (_n, s) => sax.write(s), () => true);
  sax.close();
  return merges;
}

/** As `readSheetRows`, letting other work run as the file is read (`onRow` may throw to stop: a cancelled job). */
export async function readSheetRowsAsync(wb: Workbook, part: string, date1904: boolean, onRow: (row: SheetRow) => void): Promise<void> {
  const sax = rowParser(wb, date1904, onRow, []);
  await streamPartsAsync(wb.zip, (n) => n === part, (_n, s) => sax.write(s), () => true);
  sax.close();
}
