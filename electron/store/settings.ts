import type { Database } from 'better-sqlite3';
import type { Settings } from '../../shared/api/workspace';
import { DEFAULT_NOTICE } from '../../shared/inspection/notice';
import { DEFAULT_ACCEPTANCE } from '../../shared/finding/states';
import { DEFAULT_PHOTO_CHECK } from '../../shared/inspection/photo-check';
import { REGION, SETTING } from './entities';
import type { Store } from './store';

/** What a workspace holds before anyone sets anything (the national defaults; DOMAIN.md). */
export const DEFAULT_SETTINGS: Settings = {
  bureauName: '', countyCode: '000000', countyName: '', defaultCoordSystem: 'CGCS2000', contactPhone: '', inspectionNotice: DEFAULT_NOTICE,
  ledgerDates: 'cn', ledgerCoords: 'decimal',
  noticeDays: 14, recheckAfterDays: 90, findingMaxExtensionDays: 180,
  complaintAcceptDays: 15, complaintCompleteDays: 60, complaintMaxExtensionDays: 30,
  holidays: [], workdays: [], complainantViewers: [], basemapPath: '', idleLockMinutes: 10,
  documentPrefixes: { order: '', notice: '', penalty: '' }, reviewBody: '', courtName: '', paymentAccount: '', acceptanceLevels: DEFAULT_ACCEPTANCE,
  outfallSubTypes: {}, photoCheck: DEFAULT_PHOTO_CHECK, backupKeepDays: 7,
};

/** The workspace settings (填报单位, county, defaults), each key a record of its own. */
export function readSettings(db: Database): Settings {
  const rows = db.prepare('SELECT key, value FROM settings WHERE deleted_at IS NULL').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return { ...DEFAULT_SETTINGS, ...stored } as Settings;
}

/** One setting as stored ('' when never set), read from a workspace file opened on its own. */
export function storedSetting(db: Database, key: string): string {
  const v = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return v ? (JSON.parse(v) as string) : '';
}

/** Writes the given settings through the write path. */
export function writeSettings(store: Store, patch: Partial<Settings>, author: string): void {
  store.transaction(() => {
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) store.write(SETTING, key, { value }, author);
  });
}

/** A new county's workspace: its settings and the county region every town hangs from. */
export function initCounty(store: Store, settings: Settings): void {
  store.transaction(() => {
    writeSettings(store, settings, 'system');
    store.write(REGION, `${settings.countyCode}000000`, { name: settings.countyName, level: 'county', parentCode: null }, 'system');
  });
}

/** A region of another county, if the directory holds one (a county code cannot then be changed). */
export function regionOfAnotherCounty(db: Database, countyCode: string): string | undefined {
  return db.prepare('SELECT code FROM regions WHERE substr(code, 1, 6) <> ? AND deleted_at IS NULL LIMIT 1').pluck().get(countyCode) as string | undefined;
}
