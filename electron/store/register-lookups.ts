import type { Database } from 'better-sqlite3';
import { prepared } from './statements';
import type { EntityTable } from './write-path';

/** The live enterprise a clerk's sheet names by its name or its 统一社会信用代码 (the first, if several). */
export function enterpriseNamedOrUscc(db: Database, name: string, uscc: string): string | undefined {
  return prepared(db, "SELECT id FROM enterprises WHERE (name = ? OR (uscc = ? AND uscc <> '')) AND deleted_at IS NULL").pluck().get(name, uscc) as string | undefined;
}

/** The live enterprise of this exact name (the first, if several). */
export function enterpriseNamed(db: Database, name: string): string | undefined {
  return prepared(db, 'SELECT id FROM enterprises WHERE name = ? AND deleted_at IS NULL').pluck().get(name) as string | undefined;
}

/** The live outfall of this name in this town: an outfall without a code is known by these. */
export function outfallNamedInTown(db: Database, name: string, townCode: string): string | undefined {
  return prepared(db, 'SELECT id FROM outfalls WHERE name = ? AND town_code = ? AND deleted_at IS NULL').pluck().get(name, townCode) as string | undefined;
}

/** The live finding of this 问题编号 (from a 督察交办 list). */
export function findingNumbered(db: Database, number: string): string | undefined {
  return prepared(db, 'SELECT id FROM findings WHERE number = ? AND deleted_at IS NULL').pluck().get(number) as string | undefined;
}

/** A record's row as stored (columns, not fields), to tell which of a sheet's values would change it. */
export function storedRow(db: Database, spec: EntityTable, id: string): Record<string, unknown> | undefined {
  return prepared(db, `SELECT * FROM ${spec.table} WHERE ${spec.key} = ?`).get(id) as Record<string, unknown> | undefined;
}

/** The live enterprise of this name in this town (one without a USCC is known by these). */
export function enterpriseNamedInTown(db: Database, name: string, townCode: string): string | undefined {
  return prepared(db, 'SELECT id FROM enterprises WHERE name = ? AND town_code = ? AND deleted_at IS NULL').pluck().get(name, townCode) as string | undefined;
}
