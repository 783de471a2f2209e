import { Settings } from '../../shared/api/workspace';
import { issuesToFields } from '../../shared/api/issues';
import { DomainError, invalidFields } from '../../shared/api/result';
import { LATEST_SCHEMA_VERSION } from '../store/migrations/index';
import { DEFAULT_SETTINGS, initCounty, readSettings, regionOfAnotherCounty, writeSettings } from '../store/settings';
import { readSyncState } from '../store/sync-state';
import { verifyWorkspace } from '../store/verify-records';
import { historyOf } from '../store/history';
import { countAll, overview } from '../store/overview';
import { getPerson } from '../store/people';
import { refreshAllCases } from './cases';
import { today } from './clock';
import { authorOf, type ServiceContext } from './context';
import type { Handlers } from './handlers';
import { audit } from './audit';
import { fieldAsSeen } from './personal-info';

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
    const other = patch.countyCode && regionOfAnotherCounty(ctx.store.db, patch.countyCode);
    if (other) throw invalidFields({ countyCode: `区划目录中已有其他县的区划（如 ${other as string}），县级区划代码不能改为 ${patch.countyCode}` });
    // Only what differs from the settings in force is written: the form sends every field, and a default
    // saved as a record would be a change to sync (and, from a laptop not allowed to, one to quarantine).
    const current = readSettings(ctx.store.db) as Record<string, unknown>;
    const changed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(current[k])));
    // Who sees complainants is granted by an administrator, never by oneself (issue 18; 信访工作条例 第四十五条 保密).
    const viewers = changed.complainantViewers as string[] | undefined;
    const me = ctx.session.personId;
    if (viewers && me && viewers.includes(me) && !(current.complainantViewers as string[]).includes(me)) {
      throw invalidFields({ complainantViewers: '不能授权本人查看信访人信息，请由另一名管理员授权' });
    }
    ctx.store.transaction(() => {
      writeSettings(ctx.store, changed, author);
      // The working-day calendar decides cases' publicity deadlines.
      if (patch.holidays || patch.workdays) refreshAllCases(ctx);
      if (viewers) audit(ctx, 'permission_changed', { entity: 'settings', entityId: 'complainantViewers', detail: { from: current.complainantViewers, to: viewers } });
      const others = Object.keys(changed).filter((k) => k !== 'complainantViewers');
      if (others.length) audit(ctx, 'settings_changed', { entity: 'settings', detail: { keys: others } });
    });
    return readSettings(ctx.store.db);
  },
  'workspace.signIn': (ctx: ServiceContext, { personId }) => {
    const person = getPerson(ctx.store.db, personId);
    if (!person || !person.active) throw new DomainError('not_found', '未找到该人员，或该人员已停用');
    ctx.session.personId = personId;
    return person;
  },
  'workspace.init': (ctx, s) => {
    const existing = countAll(ctx.store.db);
    if (existing.regions > 0 || readSettings(ctx.store.db).bureauName || readSyncState(ctx.store.db).hubUrl) throw new DomainError('conflict', '工作区已设置过本局与本县，不能再次新建；请在“设置”中修改');
    const settings = Settings.safeParse({ ...DEFAULT_SETTINGS, ...s });
    if (!settings.success) throw invalidFields(issuesToFields(settings.error.issues));
    initCounty(ctx.store, settings.data);
    return readSettings(ctx.store.db);
  },
  'workspace.verify': (ctx) => {
    const started = performance.now();
    const report = verifyWorkspace(ctx.store.db, ctx.store.blobDir);
    return { ...report, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) };
  },
  'workspace.stats': (ctx) => countAll(ctx.store.db),
  'workspace.overview': (ctx) => overview(ctx.store.db),
  'workspace.history': (ctx, { entity, id }) => {
    // 修改记录 shows personal information as the record's page does (issue 18).
    return historyOf(ctx.store.db, entity, id).map((e) => ({ ...e, fields: Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, fieldAsSeen(ctx, k, v)])) }));
  },
} satisfies Partial<Handlers>;
