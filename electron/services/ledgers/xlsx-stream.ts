import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

/**
 * A streaming reader of one .xlsx worksheet as text rows, written for the import (issue 16): each
 * part is inflated 64 KiB at a time and parsed as a SAX stream, so a sheet is never held whole, and
 * text is decoded with a streaming UTF-8 decoder — exceljs's own streaming reader breaks a Chinese
 * character that falls across two chunks (exceljs issues #2063, #2084, still open), which a register
 * full of 单位名称 and 地址 would meet on every few hundred rows.
 *
 * Cells read as Excel shows them: shared and inline strings, numbers, TRUE/FALSE, a formula as the
 * value Excel cached for it, dates (by the cell's number format, 1900 or 1904 system) as yyyy-mm-dd.
 */
export type SheetRow = { number: number; cells: string[] };
export type SheetMerge = { top: number; left: number; bottom: number; right: number };

const SLICE = 64 * 1024;
/** A worksheet's bounds (Excel's: XFD, 1,048,576 rows) and how many merged ranges are read. */
const MAX_COLUMNS = 16_384;
const MAX_ROWS = 1_048_576;
const MAX_MERGES = 100_000;

/**
 * Streams the zip's parts that `wanted` picks through `onText` as decoded text, in pieces: the zip is
 * fed 64 KiB at a time, so each part is inflated in small pieces, never whole. Returns how many parts it read.
 */
export function streamParts(bytes: Uint8Array, wanted: (name: string) => boolean, onText: (name: string, text: string) => void): number {
  let found = 0;
  const uz = new Unzip((file) => {
    if (!wanted(file.name)) return;
    found++;
    const decoder = new TextDecoder();
    file.ondata = (err, chunk, final) => {
      if (err) throw err;
      onText(file.name, decoder.decode(chunk, { stream: !final }));
    };
    file.start();
  });
  uz.register(UnzipInflate);
  for (let at = 0; at < bytes.length; at += SLICE) uz.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
  return found;
}

function streamPart(bytes: Uint8Array, name: string, onText: (text: string) => void): boolean {
  return streamParts(bytes, (n) => n === name, (_n, text) => onText(text)) > 0;
}

function smallParts(bytes: Uint8Array, names: string[]): Record<string, string> {
  const parts = unzipSync(bytes, { filter: (f) => names.includes(f.name) && f.originalSize < 32 * 1024 * 1024 });
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, new TextDecoder().decode(v)]));
}

/** The worksheets in the workbook's order: name and part. */
export function sheetsOf(bytes: Uint8Array): { name: string; part: string; date1904: boolean }[] {
  const p = smallParts(bytes, ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);
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
function dateStyles(bytes: Uint8Array): Set<number> {
  const xml = smallParts(bytes, ['xl/styles.xml'])['xl/styles.xml'] ?? '';
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

/** The shared strings, in order (rich text runs joined, phonetic guides left out). */
function sharedStrings(bytes: Uint8Array): string[] {
  const out: string[] = [];
  const sax = new SaxesParser();
  let text: string | null = null;
  let inT = false;
  let phonetic = 0;
  sax.on('opentag', (t) => { if (t.name === 'si') text = ''; else if (t.name === 't') inT = true; else if (t.name === 'rPh') phonetic++; });
  sax.on('closetag', (t) => { if (t.name === 'si') { out.push(text ?? ''); text = null; } else if (t.name === 't') inT = false; else if (t.name === 'rPh') phonetic--; });
  sax.on('text', (s) => { if (inT && !phonetic && text !== null) text += s; });
  // A workbook of inline strings only has no shared-strings part.
  if (streamPart(bytes, 'xl/sharedStrings.xml', (s) => sax.write(s))) sax.close();
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

/**
 * Reads a worksheet part row by row: `onRow` gets each row with any cell (it may throw to stop);
 * returns the sheet's merged ranges.
 */
export function readSheetRows(bytes: Uint8Array, part: string, date1904: boolean, onRow: (row: SheetRow) => void): SheetMerge[] {
  const strings = sharedStrings(bytes);
  const dates = dateStyles(bytes);
  const merges: SheetMerge[] = [];
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
      if (c.type === 's') text = strings[Number(c.v)] ?? '';
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
  streamPart(bytes, part, (s) => sax.write(s));
  sax.close();
  return merges;
}
