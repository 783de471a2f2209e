import { DEFAULT_NOTICE } from '../../shared/inspection/notice';
import type { Database } from 'better-sqlite3';
import { Settings } from '../../shared/api/workspace';
import { issuesToFields } from '../../shared/api/issues';
import { DomainError, invalidFields } from '../../shared/api/result';
import { LATEST_SCHEMA_VERSION } from '../store/migrations/index';
import { REGION, SETTING } from '../store/entities';
import { historyOf } from '../store/history';
import { countAll, overview } from '../store/overview';
import { getPerson } from '../store/people';
import type { Store } from '../store/store';
import { refreshAllCases } from './cases';
import { today } from './clock';
import { authorOf, type ServiceContext } from './context';
import type { Handlers } from './handlers';

export const DEFAULT_SETTINGS: Settings = {
  bureauName: '', countyCode: '000000', countyName: '', defaultCoordSystem: 'CGCS2000', contactPhone: '', inspectionNotice: DEFAULT_NOTICE,
  ledgerDates: 'cn', ledgerCoords: 'decimal',
  noticeDays: 14, recheckAfterDays: 90, findingMaxExtensionDays: 180,
  complaintAcceptDays: 15, complaintCompleteDays: 60, complaintMaxExtensionDays: 30,
  holidays: [], workdays: [], complainantViewers: [], basemapPath: '',
};

/** The workspace settings (填报单位, county, defaults), each key a record of its own. */
export function readSettings(db: Database): Settings {
  const rows = db.prepare('SELECT key, value FROM settings WHERE deleted_at IS NULL').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return { ...DEFAULT_SETTINGS, ...stored } as Settings;
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

export const workspaceHandlers = {
  'workspace.info': (ctx) => ({
    settings: readSettings(ctx.store.db),
    currentPerson: ctx.session.personId ? getPerson(ctx.store.db, ctx.session.personId) ?? null : null,
    nodeId: ctx.store.nodeId, schemaVersion: LATEST_SCHEMA_VERSION, file: ctx.store.file, today: today(),
  }),
  'workspace.updateSettings': (ctx, patch) => {
    const author = authorOf(ctx);
    const merged = Settings.safeParse({ ...readSettings(ctx.store.db), ...patch });
    if (!merged.success) throw invalidFields(issuesToFields(merged.error.issues));
    const other = patch.countyCode && ctx.store.db.prepare('SELECT code FROM regions WHERE substr(code, 1, 6) <> ? AND deleted_at IS NULL LIMIT 1').pluck().get(patch.countyCode);
    if (other) throw invalidFields({ countyCode: `区划目录中已有其他县的区划（如 ${other as string}），县级区划代码不能改为 ${patch.countyCode}` });
    // Only what differs from the settings in force is written: the form sends every field, and a default
    // saved as a record would be a change to sync (and, from a laptop not allowed to, one to quarantine).
    const current = readSettings(ctx.store.db) as Record<string, unknown>;
    const changed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(current[k])));
    ctx.store.transaction(() => {
      writeSettings(ctx.store, changed, author);
      // The working-day calendar decides cases' publicity deadlines.
      if (patch.holidays || patch.workdays) refreshAllCases(ctx);
    });
    return readSettings(ctx.store.db);
  },
  'workspace.signIn': (ctx: ServiceContext, { personId }) => {
    const person = getPerson(ctx.store.db, personId);
    if (!person || !person.active) throw new DomainError('not_found', '未找到该人员，或该人员已停用');
    ctx.session.personId = personId;
    return person;
  },
  'workspace.stats': (ctx) => countAll(ctx.store.db),
  'workspace.overview': (ctx) => overview(ctx.store.db),
  'workspace.history': (ctx, { entity, id }) => historyOf(ctx.store.db, entity, id),
} satisfies Partial<Handlers>;
