import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { issuesToFields } from '../../../shared/api/issues';
import { DomainError } from '../../../shared/api/result';
import type { CoordinateSystem } from '../../../shared/domain/coordinates';
import { headerKey, matchHeaders, normalHeader } from '../../../shared/ledger/import-headers';
import type { FieldLexicon } from '../../../shared/ledger/header-meaning';
import { storedRow } from '../../store/register-lookups';
import { ownSigningKey, signatureHolds } from '../../store/record-signing';
import { readImportMappings, writeImportMappings } from '../../store/import-mappings';
import type { EntityTable } from '../../store/write-path';
import { toColumn } from '../../store/write-path';
import { authorOf, newId, type ServiceContext } from '../context';
import type { Job } from '../jobs';
import type { CellProblem } from './error-workbook';
import { columnLetter, openSheet } from './read-sheet';
import type { SheetRow } from './xlsx-stream';
import { directory, rowContext, type RowContext } from './import-row';
import { isMaskedPhone } from '../../../shared/auth/mask';
import { changeLines, type FieldChange } from './import-changes';
import { exportInfoOf, RECORD_ID_HEADER } from './export-info';
import { baseCells, staleCheck, type Conflict, type Decision } from './import-stale';

export type { RowContext } from './import-row';

export type ImportReport = {
  sheet: string; headerRow: number; rows: number; created: number; updated: number; unchanged: number; invalid: number;
  problems: (CellProblem & { cell: string })[]; unmatchedHeaders: string[]; committed: boolean;
  /** What is imported as read but said (a value derived or mapped from older words, a code to verify), each cell once. */
  warnings: (CellProblem & { cell: string })[];
  /** Every sheet with data, and the one read (the person's choice, or the one that looks like this register). */
  sheets: string[];
  /** Per record updated: which fields change, from what to what ("联系电话 138… → 139…"). */
  changes: { row: number; name: string; fields: FieldChange[] }[];
  /** Fields changed both in the sheet and here since (the export, or the date given): nothing is written until each is decided. */
  conflicts: Conflict[];
  /** Cells the sheet left as exported while the record changed since: the record's newer value kept. */
  kept: number;
  /** When the sheet was exported by this program (its hidden sheet, signature verified), else null. */
  exportedAt: string | null;
  /**
   * The sheet's hidden export record: `signed` (by this workspace, believed), `unverified` (edited, or
   * from another device: the sheet is compared as a clerk's own, from the earlier of the time given and
   * the time it claims), or `none`.
   */
  exportCheck: 'signed' | 'unverified' | 'none';
  /** How many of each list were left out of the report (each list names its first `LISTED`; the figures above count all). */
  omitted: { problems: number; warnings: number; changes: number; conflicts: number };
  /** The header row's columns, the field each is read as (null: not imported), and the best guesses for the others — for 列对应. */
  headers: { col: number; text: string; field: string | null; suggestions: string[] }[];
  /** Required fields no column gives (nothing is read until they are mapped). */
  missing: string[];
  /** The fields a column may be mapped to: key and Chinese name. */
  fieldOptions: { key: string; label: string }[];
};

/** A column → field choice made by hand on the mapping screen ('' = do not import this column). */
export type ColumnMapping = Record<string, string>;

/** How one kind of register is read from a sheet. */
export type RegisterProfile<D> = {
  label: string;
  /** Its key in remembered mappings ('enterprises', 'outfalls', 'findings'). */
  key: string;
  headers: Record<string, FieldLexicon>;
  required: string[];
  entity: EntityTable;
  schema: z.ZodType<D, unknown>;
  /** Draft field → the sheet field whose cell carries its errors. */
  cellOf: Record<string, string>;
  /** The draft (before validation) from a row. */
  raw(row: RowContext, crs: CoordinateSystem): Record<string, unknown>;
  /** The record this row updates, if the register has it. */
  existing(db: Database, draft: D): string | undefined;
  /** The row's identity inside the file (duplicates are refused), and how the message names it. */
  identity(draft: D): { key: string; label: string } | null;
  /** Domain checks and the stored fields. */
  check(ctx: ServiceContext, draft: D, id: string | null): { errors: Record<string, string>; fields: Record<string, unknown> };
  /** Work after the rows are written, in the same transaction (a finding's first event and fold). */
  afterWrite?(ctx: ServiceContext, written: { id: string; create: boolean; fields: Record<string, unknown> }, author: string): void;
};

const FOOTER = /^(负责人|审核人|填表人|填报人|说明|注[:：]|备注[:：]|联系电话|填表说明|填报说明|合计|总计|小计|共计)/;

/** The name a field goes by in messages and on the mapping screen. */
export const fieldLabel = (profile: { headers: Record<string, FieldLexicon> }, f: string) => profile.headers[f]?.names[0] ?? f;

/** A row that is not a record: the header again (a printed sheet repeats it), column numbers (1 2 3 …), or a totals row. */
function notARecord(cells: string[], header: string[]): boolean {
  const filled = cells.map((c, i) => [c.trim(), i] as const).filter(([c]) => c);
  if (!filled.length) return true;
  if (filled.every(([c, i]) => normalHeader(c) === normalHeader(header[i] ?? ''))) return true;
  if (filled.length >= 3 && filled.every(([c]) => /^[(（]?\d{1,3}[)）]?$/.test(c))) return true;
  return filled.some(([c]) => /^(合计|总计|小计|共计)[:：]?$/.test(c));
}

/** How many of each kind of finding a report lists (a 200,000-row sheet may have as many; the rest are counted). */
export const LISTED = 1000;

/** How many mappings a workspace remembers per register (the latest kept). */
const REMEMBERED = 30;

/** What one reading of the sheet's records does with each: the check lists and counts, the write writes. */
type Sink = {
  problem(p: ImportReport['problems'][number]): void;
  warning(p: ImportReport['warnings'][number]): void;
  conflicts(list: Conflict[]): void;
  update(id: string, fields: Record<string, unknown>, change: ImportReport['changes'][number]): void;
  create(fields: Record<string, unknown>): void;
  kept(n: number): void;
  unchanged(): void;
};

/**
 * Imports a register from a ledger (DESIGN §7): the header row found in the sheet's first rows (merged
 * group headers understood, names matched by meaning), every row validated as the form would and matched
 * to the register; then — only when no row is wrong, no conflict is left undecided and it is not a dry
 * run — all of it written in one transaction through the write path (changes recorded for sync).
 * The sheet is never held (issue 20): it is read as a stream once to check and report, and once more
 * inside the transaction to write; that second reading checks every row again, so whatever changed in
 * between is refused as a whole, never written half.
 */
export async function importRegister<D>(
  ctx: ServiceContext, profile: RegisterProfile<D>, file: string,
  opts: {
    crs: CoordinateSystem; dryRun: boolean; mapping?: ColumnMapping; job?: Job; sheet?: string;
    /** How conflicts are decided: all one way, or per `row:field`. */
    prefer?: Decision; resolutions?: Record<string, Decision>;
    /** For a sheet that is not one of our exports: fields changed here after this time are conflicts (ISO). */
    since?: string;
  },
): Promise<ImportReport> {
  const { db } = ctx.store;
  const remembered = readImportMappings(db)[profile.key] ?? {};
  const looksLike = (rows: string[][]) => { const m = matchHeaders(rows, profile.headers); return m ? Object.keys(m.columns).length : 0; };
  const sheet = await openSheet(file, { sheet: opts.sheet, score: looksLike });
  const top = sheet.top.map((r) => r.cells);
  const rememberedHere = top.slice(0, 12).map(headerKey).map((k) => remembered[k]).find(Boolean);
  const match = matchHeaders(top, profile.headers, rememberedHere);
  if (!match) {
    throw new DomainError('invalid', `工作表“${sheet.name}”的前 12 行中找不到表头（至少要有${profile.required.map((f) => fieldLabel(profile, f)).join('、')}等列）：这似乎不是${profile.label}${sheet.sheets.length > 1 ? `；工作簿中还有 ${sheet.sheets.filter((x) => x !== sheet.name).join('、')}，可选择其他工作表` : ''}`);
  }
  for (const [colText, field] of Object.entries(opts.mapping ?? {})) {
    const c = Number(colText);
    for (const [f, at] of Object.entries(match.columns)) if (at === c) delete match.columns[f];
    if (field && profile.headers[field]) match.columns[field] = c;
  }
  const fieldOf = new Map(Object.entries(match.columns).map(([f, c]) => [c, f]));
  const headerRow = top[match.headerRow];
  const headerNumber = sheet.top[match.headerRow].number;
  // Our own export names each row's record in a hidden last column, and what it exported in a hidden sheet.
  const idCol = headerRow.findIndex((h) => normalHeader(h ?? '') === RECORD_ID_HEADER);
  // Believed only when signed by this workspace's own key: an edited or foreign one is compared as a clerk's own
  // sheet, from the earlier of the time given and the time it claims.
  const claimed = sheet.exportInfo ? exportInfoOf(sheet.exportInfo, (key, digest, signature) => key === ownSigningKey(db) && signatureHolds(key, digest, signature)) : null;
  const info = claimed?.trusted ? claimed : null;
  const claimedAt = claimed && !claimed.trusted && !Number.isNaN(Date.parse(claimed.exportedAt)) ? new Date(claimed.exportedAt).toISOString() : null;
  // A row of a signed export whose record number was cleared is compared from the export's time too.
  const since = [opts.since, claimedAt, info?.exportedAt].filter((x): x is string => !!x && !Number.isNaN(Date.parse(x))).map((x) => new Date(x).toISOString()).sort()[0];
  const headers = headerRow.map((text, c) => ({ col: c, text, field: fieldOf.get(c) ?? null, suggestions: fieldOf.has(c) ? [] : match.suggestions[c] ?? [] }))
    .filter((h) => h.text && normalHeader(h.text) !== '序号' && h.col !== idCol);
  const fieldOptions = Object.keys(profile.headers).map((key) => ({ key, label: fieldLabel(profile, key) }));
  // A record is identified by its name and where it is: the town, or coordinates placing it in a town.
  const placed = (f: string) => match.columns[f] !== undefined || (f === 'townName' && (match.columns.lon !== undefined || match.columns.lonDeg !== undefined));
  const missing = profile.required.filter((f) => !placed(f));
  const base = {
    sheet: sheet.name, sheets: sheet.sheets, headerRow: headerNumber, committed: false, headers, fieldOptions,
    unmatchedHeaders: headers.filter((h) => !h.field).map((h) => h.text), exportedAt: info?.exportedAt ?? null,
    exportCheck: info ? 'signed' as const : claimed ? 'unverified' as const : 'none' as const,
  };
  const none = { problems: 0, warnings: 0, changes: 0, conflicts: 0 };
  if (missing.length) {
    return { ...base, rows: 0, created: 0, updated: 0, unchanged: 0, invalid: 0, problems: [], warnings: [], changes: [], conflicts: [], kept: 0, omitted: none, missing: missing.map((f) => fieldLabel(profile, f)) };
  }
  const decide = (row: number, key: string) => opts.resolutions?.[`${row}:${key}`] ?? opts.prefer;
  const dir = directory(db);
  const col = match.columns;
  /** A record's fields as they were exported, read from the hidden sheet as the row itself is read (null: not readable). */
  const baseFields = (recordId: string): Record<string, unknown> | null => {
    const cells = info && baseCells(info, recordId, headerRow);
    if (!cells) return null;
    const quiet = () => undefined;
    const parsed = profile.schema.safeParse(profile.raw(rowContext(db, dir, opts.crs, cells, match.columns, quiet, quiet), opts.crs));
    return parsed.success ? profile.check(ctx, parsed.data, recordId).fields : null;
  };

  /** One reading of the records: each row after the header judged and said to `sink`; true when it is a record. */
  const reader = (sink: Sink) => {
    const seen = new Map<string, number>();
    return (r: SheetRow): boolean => {
      const line = r.number;
      if (line <= headerNumber) return false;
      const cells = r.cells;
      const get = (f: string) => (col[f] === undefined ? '' : (cells[col[f]] ?? '').trim());
      // Blank, footer, totals, a repeated header or a column-number row: not a record.
      if (!get('name') && !profile.required.some((f) => get(f))) return false;
      if (FOOTER.test(cells.find((x) => x) ?? '') || notARecord(cells, headerRow)) return false;
      const at = (field: string) => col[field] ?? col.lonDeg ?? col[profile.required[0]];
      // Each bad cell is said once.
      const said = new Set<string>();
      const badCols = new Set<number>();
      const note = (bad: boolean, field: string, message: string) => {
        const c = at(field);
        if (said.has(`${c}:${message}`)) return;
        said.add(`${c}:${message}`);
        const p = { row: line, col: c, cell: `${columnLetter(c)}${line}`, message: `第 ${line} 行 ${columnLetter(c)} 列：${message}` };
        if (bad) { badCols.add(c); sink.problem(p); } else sink.warning(p);
      };
      const bad = (field: string, message: string) => note(true, field, message);
      const row: RowContext = rowContext(db, dir, opts.crs, cells, col, bad, (field, message) => note(false, field, message));
      const raw = profile.raw(row, opts.crs);
      const parsed = profile.schema.safeParse(raw);
      if (!parsed.success) {
        for (const [f, m] of Object.entries(issuesToFields(parsed.error.issues, profile.entity.entity))) bad(profile.cellOf[f] ?? profile.required[0], m);
        return true;
      }
      const draft = parsed.data;
      const existing = profile.existing(db, draft);
      const { errors, fields } = profile.check(ctx, draft, existing ?? null);
      const reported = new Set(badCols);
      for (const [f, m] of Object.entries(errors)) if (!reported.has(col[profile.cellOf[f]] ?? -1)) bad(profile.cellOf[f] ?? profile.required[0], m);
      const identity = profile.identity(draft);
      if (identity) {
        const dupe = seen.get(identity.key);
        if (dupe !== undefined) bad(identity.label, `${fieldLabel(profile, identity.label)}与第 ${dupe} 行重复`);
        seen.set(identity.key, line);
      }
      if (badCols.size) return true;
      if (!existing) { sink.create(fields); return true; }
      const stored = storedRow(db, profile.entity, existing)!;
      // A column the sheet does not have leaves the stored value alone (a ledger rarely holds every field).
      // A masked number in the sheet (our export showed it so) is no value either.
      const inSheet = (k: string) => profile.cellOf[k] !== undefined && col[profile.cellOf[k]] !== undefined && !isMaskedPhone(cells[col[profile.cellOf[k]]] ?? '');
      const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => {
        const spec = profile.entity.columns[k];
        if (spec === undefined || !inSheet(k)) return false;
        const [column, kind] = typeof spec === 'string' ? [spec, 'plain' as const] : spec;
        return stored[column] !== toColumn(kind, v);
      }));
      // Said per field; a coordinate that differs only by its notation's rounding is no update.
      const labelOf = (k: string) => fieldLabel(profile, profile.cellOf[k] ?? k);
      const lines = changeLines(profile.entity, stored, changed, labelOf);
      const real = Object.fromEntries(Object.entries(changed).filter(([k]) => lines.some((l) => l.key === k && !l.same)));
      for (const l of lines.filter((x) => x.same)) note(false, profile.cellOf[l.key] ?? l.key, `${l.label} 与现值相差 ${l.note}，不更新`);
      // A stale sheet never undoes newer work: compared with what was exported (or the date given).
      const name = String((raw as { name?: unknown }).name ?? '');
      const recordId = idCol >= 0 ? (cells[idCol] ?? '').trim() : '';
      const exported = info && recordId === existing ? baseFields(recordId) : null;
      const judged = staleCheck({
        entity: profile.entity, id: existing, row: line, name, stored, changed: real, base: exported, since: exported ? null : since ?? null,
        label: labelOf, decide, db,
      });
      sink.kept(judged.kept.length);
      if (judged.conflicts.length) sink.conflicts(judged.conflicts);
      if (Object.keys(judged.write).length) sink.update(existing, judged.write, { row: line, name, fields: lines.filter((x) => !x.same && x.key in judged.write) });
      else if (!judged.conflicts.length) sink.unchanged();
      return true;
    };
  };

  // The check: every row read once, its findings listed (the first LISTED of each) and counted.
  const problems: ImportReport['problems'] = [];
  const warnings: ImportReport['warnings'] = [];
  const changes: ImportReport['changes'] = [];
  const conflicts: Conflict[] = [];
  const omitted = { ...none };
  const listed = <T>(list: T[], kind: keyof typeof omitted, item: T) => { if (list.length < LISTED) list.push(item); else omitted[kind]++; };
  let rows = 0; let created = 0; let updated = 0; let unchanged = 0; let kept = 0; let invalidRows = 0; let problemCount = 0; let conflictCount = 0;
  let lastBad = -1;
  const check = reader({
    problem: (p) => { problemCount++; if (p.row !== lastBad) { invalidRows++; lastBad = p.row; } listed(problems, 'problems', p); },
    warning: (p) => listed(warnings, 'warnings', p),
    conflicts: (list) => { conflictCount += list.length; for (const c of list) listed(conflicts, 'conflicts', c); },
    update: (_id, _fields, change) => { updated++; listed(changes, 'changes', change); },
    create: () => { created++; },
    kept: (n) => { kept += n; },
    unchanged: () => { unchanged++; },
  });
  await sheet.rows((r) => {
    if (!check(r)) return;
    if (++rows % 1000 === 0) { opts.job?.progress(rows, sheet.rowCount, '检查'); opts.job?.checkCancelled(); }
  });
  if (rows === 0) throw new DomainError('invalid', `工作表“${sheet.name}”在表头之后没有数据行`);
  const report: ImportReport = {
    ...base, rows, created, updated, unchanged, invalid: invalidRows, problems, warnings, changes, conflicts, kept, omitted, missing: [],
  };
  if (problemCount || conflictCount || opts.dryRun) return report;

  // The write: the sheet read again inside one transaction, each row checked again and written as it is read.
  const author = authorOf(ctx);
  const changedSince = () => new DomainError('conflict', `工作表“${sheet.name}”检查之后，本机的记录又有了变化：未写入任何数据，请重新导入`);
  ctx.store.transaction(() => {
    const write = (w: { id: string; create: boolean; fields: Record<string, unknown> }) => {
      ctx.store.write(profile.entity, w.id, w.fields, author);
      profile.afterWrite?.(ctx, w, author);
    };
    const again = reader({
      problem: () => { throw changedSince(); },
      warning: () => undefined,
      conflicts: () => { throw changedSince(); },
      update: (id, fields) => write({ id, fields, create: false }),
      create: (fields) => write({ id: newId(), fields, create: true }),
      kept: () => undefined,
      unchanged: () => undefined,
    });
    sheet.rowsSync((r) => { again(r); });
    // A mapping the person chose is remembered for the next sheet with the same header (all of it, as read).
    if (Object.keys(opts.mapping ?? {}).length) rememberMapping(ctx, profile.key, headerKey(headerRow), headers);
  });
  return { ...report, committed: true };
}

/** Keeps a confirmed header → field reading on this laptop, the latest `REMEMBERED` per register. */
function rememberMapping(ctx: ServiceContext, register: string, key: string, headers: ImportReport['headers']): void {
  const all = readImportMappings(ctx.store.db);
  const mine = Object.entries(all[register] ?? {}).filter(([k]) => k !== key).slice(-(REMEMBERED - 1));
  const reading = Object.fromEntries(headers.map((h) => [normalHeader(h.text), h.field ?? '']));
  writeImportMappings(ctx.store.db, { ...all, [register]: Object.fromEntries([...mine, [key, reading]]) });
}
