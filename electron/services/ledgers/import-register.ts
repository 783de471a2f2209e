import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { issuesToFields } from '../../../shared/api/issues';
import { DomainError } from '../../../shared/api/result';
import type { CoordinateSystem } from '../../../shared/domain/coordinates';
import { parseDegrees } from '../../../shared/domain/dms';
import { matchHeaders } from '../../../shared/ledger/import-headers';
import { listRegions, listWaterBodies, listWatersheds } from '../../store/places';
import { storedRow } from '../../store/register-lookups';
import type { EntityTable } from '../../store/write-path';
import { toColumn } from '../../store/write-path';
import { authorOf, newId, type ServiceContext } from '../context';
import type { Job } from '../jobs';
import type { CellProblem } from './error-workbook';
import { columnLetter, readSheet } from './read-sheet';

export type ImportReport = {
  sheet: string; headerRow: number; rows: number; created: number; updated: number; unchanged: number; invalid: number;
  problems: (CellProblem & { cell: string })[]; unmatchedHeaders: string[]; committed: boolean;
  /** The header row's columns and the field each is read as (null: not imported) — for the mapping screen. */
  headers: { col: number; text: string; field: string | null }[];
  /** Required fields no column gives (nothing is read until they are mapped). */
  missing: string[];
  /** The fields a column may be mapped to: key and Chinese name. */
  fieldOptions: { key: string; label: string }[];
};

/** A column → field choice made by hand on the mapping screen ('' = do not import this column). */
export type ColumnMapping = Record<string, string>;

/** Towns, villages, watersheds and water bodies by name (and code), to turn a sheet's words into ids. */
export type Directory = { towns: Map<string, string>; villages: Map<string, string>; watersheds: Map<string, string>; waterBodies: Map<string, string> };

function directory(db: Database): Directory {
  const regions = listRegions(db);
  const named = (rows: { id: string; name: string }[]) => new Map(rows.map((w) => [w.name, w.id]));
  return {
    towns: new Map(regions.filter((r) => r.level === 'town').flatMap((r) => [[r.name, r.code], [r.code, r.code]])),
    villages: new Map(regions.filter((r) => r.level === 'village').flatMap((r) => [[`${r.parentCode}/${r.name}`, r.code], [r.code, r.code]])),
    watersheds: named(listWatersheds(db)),
    waterBodies: named(listWaterBodies(db)),
  };
}

/** What a row offers a profile: its cells by field, a way to name a bad cell, and lookups. */
export type RowContext = {
  get(field: string): string;
  has(field: string): boolean;
  bad(field: string, message: string): void;
  dir: Directory;
  db: Database;
  /** A place (town, village under it) by name, reporting unknown names at their cells. */
  place(townField: string, villageField: string): { townCode: string | null; villageCode: string | null };
  /** A coordinate pair as typed (decimal or 度分秒), reporting what cannot be read. */
  coords(): { lon: number | null; lat: number | null };
  /** One of a fixed list, reporting anything else. */
  oneOf<T extends string>(field: string, label: string, options: readonly T[]): T | null;
};

/** How one kind of register is read from a sheet. */
export type RegisterProfile<D> = {
  label: string;
  headers: Record<string, string[]>;
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
  afterWrite?(ctx: ServiceContext, written: { id: string; create: boolean; fields: Record<string, unknown> }[], author: string): void;
};

const FOOTER = /^(负责人|审核人|填表人|填报人|说明|注[:：]|备注[:：]|联系电话)/;

/**
 * Imports a register from a ledger (DESIGN §7): the header row found in the first 10 rows (merged
 * group headers understood, names matched with synonyms), every row validated as the form would,
 * matched to the register, then — only when no row is wrong and it is not a dry run — all of it
 * written in one transaction through the write path (changes recorded for sync).
 */
export async function importRegister<D>(
  ctx: ServiceContext, profile: RegisterProfile<D>, file: string, opts: { crs: CoordinateSystem; dryRun: boolean; mapping?: ColumnMapping; job?: Job },
): Promise<ImportReport> {
  const sheet = await readSheet(file);
  const match = matchHeaders(sheet.rows, profile.headers);
  if (!match) {
    throw new DomainError('invalid', `工作表“${sheet.name}”的前 10 行中找不到必需的列：${profile.required.map((f) => profile.headers[f][0]).join('、')}（${profile.label}）`);
  }
  for (const [colText, field] of Object.entries(opts.mapping ?? {})) {
    const c = Number(colText);
    for (const [f, at] of Object.entries(match.columns)) if (at === c) delete match.columns[f];
    if (field && profile.headers[field]) match.columns[field] = c;
  }
  const fieldOf = new Map(Object.entries(match.columns).map(([f, c]) => [c, f]));
  const headers = sheet.rows[match.headerRow].map((text, c) => ({ col: c, text, field: fieldOf.get(c) ?? null })).filter((h) => h.text && h.text !== '序号');
  const fieldOptions = Object.keys(profile.headers).map((key) => ({ key, label: profile.headers[key][0] }));
  const missing = profile.required.filter((f) => match.columns[f] === undefined);
  if (missing.length) {
    return {
      sheet: sheet.name, headerRow: sheet.rowNumbers[match.headerRow], rows: 0, created: 0, updated: 0, unchanged: 0, invalid: 0, problems: [],
      unmatchedHeaders: headers.filter((h) => !h.field).map((h) => h.text), committed: false, headers, missing: missing.map((f) => profile.headers[f][0]), fieldOptions,
    };
  }
  const author = opts.dryRun ? 'system' : authorOf(ctx);
  const { db } = ctx.store;
  const dir = directory(db);
  const col = match.columns;
  const problems: ImportReport['problems'] = [];
  const writes: { id: string; fields: Record<string, unknown>; create: boolean }[] = [];
  const seen = new Map<string, number>();
  let rows = 0; let unchanged = 0; let invalidRows = 0;
  for (let i = match.headerRow + 1; i < sheet.rows.length; i++) {
    if (i % 1000 === 0) { opts.job?.progress(i, sheet.rows.length, '检查'); opts.job?.checkCancelled(); await new Promise((res) => setImmediate(res)); }
    const r = sheet.rows[i];
    const line = sheet.rowNumbers[i];
    const get = (f: string) => (col[f] === undefined ? '' : (r[col[f]] ?? '').trim());
    if (!profile.required.some((f) => get(f)) || FOOTER.test(r.find((x) => x) ?? '')) continue; // blank or footer rows
    rows++;
    const before = problems.length;
    const bad = (field: string, message: string) => {
      const c = col[field] ?? col[profile.required[0]];
      problems.push({ row: line, col: c, cell: `${columnLetter(c)}${line}`, message: `第 ${line} 行 ${columnLetter(c)} 列：${message}` });
    };
    const row: RowContext = {
      get, has: (f) => col[f] !== undefined, bad, dir, db,
      place(townField, villageField) {
        const townText = get(townField);
        const townCode = dir.towns.get(townText) ?? null;
        if (!townCode) bad(townField, townText ? `所属镇街“${townText}”不在本县区划目录中` : '请填写所属镇街');
        const villageText = get(villageField);
        const villageCode = villageText && townCode ? dir.villages.get(`${townCode}/${villageText}`) ?? dir.villages.get(villageText) ?? null : null;
        if (villageText && townCode && !villageCode) bad(villageField, `村居“${villageText}”不在“${townText}”之下`);
        return { townCode, villageCode };
      },
      coords() {
        const [lonText, latText] = [get('lon'), get('lat')];
        const lon = lonText ? parseDegrees(lonText) : null;
        const lat = latText ? parseDegrees(latText) : null;
        if (lonText && lon === null) bad('lon', `经度“${lonText}”无法识别，请填小数度或度分秒`);
        if (latText && lat === null) bad('lat', `纬度“${latText}”无法识别，请填小数度或度分秒`);
        return { lon, lat };
      },
      oneOf(field, label, options) {
        const v = get(field);
        if (!v) return null;
        if ((options as readonly string[]).includes(v)) return v as (typeof options)[number];
        bad(field, `${label}应为${options.join('、')}之一，收到“${v}”`);
        return null;
      },
    };
    const raw = profile.raw(row, opts.crs);
    const parsed = profile.schema.safeParse(raw);
    if (!parsed.success) {
      for (const [f, m] of Object.entries(issuesToFields(parsed.error.issues, profile.entity.entity))) bad(profile.cellOf[f] ?? profile.required[0], m);
    } else {
      const draft = parsed.data;
      const existing = profile.existing(db, draft);
      const { errors, fields } = profile.check(ctx, draft, existing ?? null);
      const reported = new Set(problems.slice(before).map((p) => p.col));
      for (const [f, m] of Object.entries(errors)) if (!reported.has(col[profile.cellOf[f]] ?? -1)) bad(profile.cellOf[f] ?? profile.required[0], m);
      const identity = profile.identity(draft);
      if (identity) {
        const dupe = seen.get(identity.key);
        if (dupe !== undefined) bad(identity.label, `${profile.headers[identity.label][0]}与第 ${dupe} 行重复`);
        seen.set(identity.key, line);
      }
      if (problems.length === before) {
        if (existing) {
          const stored = storedRow(db, profile.entity, existing)!;
          // A column the sheet does not have leaves the stored value alone (a ledger rarely holds every field).
          const inSheet = (k: string) => profile.cellOf[k] !== undefined && col[profile.cellOf[k]] !== undefined;
          const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => {
            const spec = profile.entity.columns[k];
            if (spec === undefined || !inSheet(k)) return false;
            const [column, kind] = typeof spec === 'string' ? [spec, 'plain' as const] : spec;
            return stored[column] !== toColumn(kind, v);
          }));
          if (Object.keys(changed).length) writes.push({ id: existing, fields: changed, create: false });
          else unchanged++;
        } else writes.push({ id: newId(), fields, create: true });
      }
    }
    if (problems.length > before) invalidRows++;
  }
  if (rows === 0) throw new DomainError('invalid', `工作表“${sheet.name}”在表头之后没有数据行`);
  const report: ImportReport = {
    sheet: sheet.name, headerRow: sheet.rowNumbers[match.headerRow], rows, created: writes.filter((w) => w.create).length,
    updated: writes.filter((w) => !w.create).length, unchanged, invalid: invalidRows, problems,
    unmatchedHeaders: headers.filter((h) => !h.field).map((h) => h.text), committed: false, headers, missing: [], fieldOptions,
  };
  if (problems.length || opts.dryRun) return report;
  ctx.store.transaction(() => {
    for (const w of writes) ctx.store.write(profile.entity, w.id, w.fields, author);
    profile.afterWrite?.(ctx, writes, author);
  });
  return { ...report, committed: true };
}
