import { isMaskedPhone } from '../../../shared/auth/mask';
import type { Database } from 'better-sqlite3';
import { toStored, type CoordinateSystem } from '../../../shared/domain/coordinates';
import { parseDegrees } from '../../../shared/domain/dms';
import { listRegions, listWaterBodies, listWatersheds } from '../../store/places';
import { townAtPoint } from '../../store/town-at-point';
import { readSettings } from '../../store/settings';
import { classificationOf, type OutfallClassification } from '../../../shared/domain/outfall-types';

/** Towns, villages, watersheds and water bodies by name (and code), to turn a sheet's words into ids. */
export type Directory = { towns: Map<string, string>; villages: Map<string, string>; watersheds: Map<string, string>; waterBodies: Map<string, string>; classification: OutfallClassification };

/** A town as ledgers write it: 城关镇 / 城关 / 城关镇人民政府 / 城关街道办事处 all name 城关镇. */
function townKeys(name: string): string[] {
  const bare = name.replace(/(人民政府|街道办事处|办事处)$/, '');
  const stem = bare.replace(/(镇|乡|街道)$/, '');
  return [...new Set([name, bare, stem.length >= 2 ? stem : bare])];
}

export function directory(db: Database): Directory {
  const regions = listRegions(db);
  const named = (rows: { id: string; name: string }[]) => new Map(rows.map((w) => [w.name, w.id]));
  const towns = new Map<string, string>();
  for (const r of regions.filter((x) => x.level === 'town')) {
    towns.set(r.code, r.code);
    for (const k of townKeys(r.name)) if (!towns.has(k)) towns.set(k, r.code);
  }
  return {
    towns,
    villages: new Map(regions.filter((r) => r.level === 'village').flatMap((r) => [[`${r.parentCode}/${r.name}`, r.code], [r.code, r.code]])),
    watersheds: named(listWatersheds(db)),
    waterBodies: named(listWaterBodies(db)),
    classification: classificationOf(readSettings(db).outfallSubTypes),
  };
}

/** The town a sheet's words name ("城关" or "城关镇人民政府" as well as "城关镇"), or null. */
export function townNamed(dir: Directory, text: string): string | null {
  for (const k of townKeys(text.trim())) { const code = dir.towns.get(k); if (code) return code; }
  return null;
}

/** What a row offers a profile: its cells by field, ways to name a bad cell or warn about one, and lookups. */
export type RowContext = {
  get(field: string): string;
  has(field: string): boolean;
  bad(field: string, message: string): void;
  /** Imported as read, but said in the check step (a value derived, mapped from older words, or to verify). */
  warn(field: string, message: string): void;
  dir: Directory;
  db: Database;
  /** The 排污口分类 in force, read once per import (not once per row). */
  classification: OutfallClassification;
  /** A place (town, village under it) by name; no town column or cell: the town the coordinates lie in. */
  place(townField: string, villageField: string): { townCode: string | null; villageCode: string | null };
  /** A coordinate pair as typed (decimal, 度分秒 in one cell, or over 度/分/秒 columns), reporting what cannot be read. */
  coords(): { lon: number | null; lat: number | null };
  /** One of a fixed list, reporting anything else. */
  oneOf<T extends string>(field: string, label: string, options: readonly T[]): T | null;
};

/** A coordinate from its 度, 分, 秒 columns — all three read, or none written (never from part of them). */
function fromParts(get: (f: string) => string, has: (f: string) => boolean, axis: 'lon' | 'lat', bad: (f: string, m: string) => void): number | null | undefined {
  const [d, m, s] = [`${axis}Deg`, `${axis}Min`, `${axis}Sec`];
  if (!has(d) || (!has(m) && !has(s))) return undefined;
  const texts = [get(d), has(m) ? get(m) : '0', has(s) ? get(s) : '0'];
  if (texts.every((t) => !t)) return null;
  const [deg, min, sec] = texts.map((t) => (t === '' ? NaN : Number(t.replace(/[°度′'分″"秒]/g, ''))));
  const label = axis === 'lon' ? '经度' : '纬度';
  if (![deg, min, sec].every(Number.isFinite) || min < 0 || min >= 60 || sec < 0 || sec >= 60 || deg < 0) {
    bad(Number.isFinite(deg) ? (Number.isFinite(min) ? s : m) : d, `${label}的度、分、秒“${texts.join(' / ')}”不完整或无法识别：三列都要填写（分、秒小于 60）`);
    return null;
  }
  return deg + min / 60 + sec / 3600;
}

/** The row context of one sheet row (`cells` by column, `col` field → column). */
export function rowContext(db: Database, dir: Directory, crs: CoordinateSystem, cells: string[], col: Record<string, number>,
  bad: (field: string, message: string) => void, warn: (field: string, message: string) => void): RowContext {
  const get = (f: string) => {
    const v = col[f] === undefined ? '' : (cells[col[f]] ?? '').trim();
    // A number as our exports show it masked is no value to import: a new record gets none, an existing one keeps its own.
    if (f === 'contactPhone' && isMaskedPhone(v)) { warn(f, `联系电话“${v}”是脱敏显示的号码，未导入（已有的记录保留原号码）`); return ''; }
    return v;
  };
  const has = (f: string) => col[f] !== undefined;
  let coords: { lon: number | null; lat: number | null } | null = null;
  const row: RowContext = {
    get, has, bad, warn, dir, db, classification: dir.classification,
    coords() {
      if (coords) return coords;
      const one = (axis: 'lon' | 'lat') => {
        const split = fromParts(get, has, axis, bad);
        if (split !== undefined) return split;
        // A lone 经度(度) column is the coordinate itself (decimal or 度分秒 in the cell).
        const text = get(axis) || (has(`${axis}Deg`) ? get(`${axis}Deg`) : '');
        const v = text ? parseDegrees(text) : null;
        if (text && v === null) bad(has(axis) ? axis : `${axis}Deg`, `${axis === 'lon' ? '经度' : '纬度'}“${text}”无法识别，请填小数度或度分秒`);
        return v;
      };
      coords = { lon: one('lon'), lat: one('lat') };
      return coords;
    },
    place(townField, villageField) {
      const townText = get(townField);
      let townCode = townText ? townNamed(dir, townText) : null;
      if (townText && !townCode) bad(townField, `所属镇街“${townText}”不在本县区划目录中`);
      if (!townText) {
        // No town written: the town boundary the coordinates fall in (the boundaries are in the store).
        const { lon, lat } = row.coords();
        const at = lon !== null && lat !== null ? toStored({ lon, lat }, crs) : null;
        townCode = at ? townAtPoint(db, at.lon, at.lat) : null;
        if (townCode) warn(townField, `未填所属镇街，按坐标落在“${[...dir.towns].find(([k, v]) => v === townCode && k !== v)?.[0] ?? townCode}”`);
        else bad(townField, lon !== null && lat !== null ? '未填所属镇街，坐标也不在本县任何镇街边界内' : '请填写所属镇街（或填写坐标，由坐标确定镇街）');
      }
      const villageText = get(villageField);
      const villageCode = villageText && townCode ? dir.villages.get(`${townCode}/${villageText}`) ?? dir.villages.get(villageText) ?? null : null;
      if (villageText && townCode && !villageCode) bad(villageField, `村居“${villageText}”不在“${townText || townCode}”之下`);
      return { townCode, villageCode };
    },
    oneOf(field, label, options) {
      const v = get(field);
      if (!v) return null;
      if ((options as readonly string[]).includes(v)) return v as (typeof options)[number];
      bad(field, `${label}应为${options.join('、')}之一，收到“${v}”`);
      return null;
    },
  };
  return row;
}
