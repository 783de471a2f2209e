import type ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';

/*
 * What an exported register was exported from (issue 20: a stale sheet never undoes newer work). The
 * register sheet carries each row's record id in a last, hidden column; a hidden sheet holds, per
 * record, when it was last changed and the values as exported. An import then compares each cell with
 * what was exported: unchanged since → the record's current value is kept; changed in the sheet only →
 * applied; changed in both → a conflict the person decides.
 *
 * The hidden sheet is signed with the exporting device's key (Ed25519 over a SHA-256 of its contents):
 * a clerk — or anyone — who edits it to make their values look "as exported" (turning a conflict into
 * an overwrite) breaks the signature, and the sheet is then compared as a clerk's own sheet is.
 */

export const EXPORT_INFO_SHEET = '清水导出信息';
export const RECORD_ID_HEADER = '清水记录号';
const FORMAT = 'qingshui-export-v2';

export type ExportInfoRow = { id: string; updatedAt: string; values: unknown[] };

/** A value as the import's reader will give it back: text, trimmed (numbers as JavaScript writes them, dates as yyyy-mm-dd). */
function asText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** The digest the signature is over: the ledger, the time, the headers, then every row's cells, as text. */
class InfoDigest {
  private hash = createHash('sha256');
  constructor(ledgerId: string, exportedAt: string, headers: string[]) { this.line([FORMAT, ledgerId, exportedAt, ...headers]); }
  line(cells: string[]): void {
    let end = cells.length;
    while (end > 0 && !cells[end - 1]) end--;
    this.hash.update(`${JSON.stringify(cells.slice(0, end))}\n`);
  }
  hex(): string { return this.hash.digest('hex'); }
}

/** What is signed: named, so the device's signature of an export can never stand for one of anything else it signs. */
const signedText = (digest: string) => `${FORMAT}|${digest}`;

/** The device signing an export: its public key and a signature of a text. */
export type ExportSigner = { publicKey: string; sign(text: string): string };

/**
 * Writes the hidden sheet: a first row naming the format, the ledger, the time, the signer's key and
 * signature and the headers, then one row per record (all as text, as they will read back).
 */
export function writeExportInfo(ws: ExcelJS.Worksheet, ledgerId: string, headers: string[], rows: ExportInfoRow[], signer: ExportSigner): void {
  const exportedAt = new Date().toISOString();
  const digest = new InfoDigest(ledgerId, exportedAt, headers.map(asText));
  // Each row made as text twice (to sign, then to write) rather than held twice: 100,000 rows are a register.
  const line = (r: ExportInfoRow) => [r.id, r.updatedAt, ...r.values.map(asText)];
  for (const r of rows) digest.line(line(r));
  ws.addRow([FORMAT, ledgerId, exportedAt, signer.publicKey, signer.sign(signedText(digest.hex())), ...headers.map(asText)]).commit();
  for (const r of rows) ws.addRow(line(r)).commit();
  ws.commit();
}

/** The export a sheet came from: its ledger, when, and per record id the cells as exported (texts, by column). */
export type ExportInfo = {
  ledgerId: string; exportedAt: string; headers: string[]; base: Map<string, { updatedAt: string; cells: string[] }>;
  /** Whether the signature holds and is by a key this workspace trusts (its own): only then is `base` believed. */
  trusted: boolean;
};

/** Reads the hidden sheet's rows (as text) back; null when they are not ours. */
export function exportInfoOf(rows: string[][], verify: (publicKey: string, digest: string, signature: string) => boolean): ExportInfo | null {
  const [head, ...rest] = rows;
  if (!head || head[0] !== FORMAT) return null;
  const [, ledgerId = '', exportedAt = '', publicKey = '', signature = '', ...headers] = head;
  const digest = new InfoDigest(ledgerId, exportedAt, headers);
  const base = new Map<string, { updatedAt: string; cells: string[] }>();
  for (const r of rest) {
    digest.line(r);
    if (r[0]) base.set(r[0], { updatedAt: r[1] ?? '', cells: r.slice(2) });
  }
  return { ledgerId, exportedAt, headers, base, trusted: !!publicKey && !!signature && verify(publicKey, signedText(digest.hex()), signature) };
}
