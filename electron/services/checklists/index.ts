import { DomainError, type Warning } from '../../../shared/api/result';
import { canonicalTemplate, parseTemplate } from '../../../shared/checklist/parse';
import type { TemplateDefinition } from '../../../shared/checklist/template';
import { sha256Of } from '../../store/blob-store';
import { builtinTemplateIds, getTemplate, latestVersion, listTemplates, templateByVersion, templateUsage } from '../../store/checklists';
import { CHECKLIST_TEMPLATE } from '../../store/entities';
import type { Store } from '../../store/store';
import { authorOf, newId, type ServiceContext } from '../context';
import type { Handlers } from '../handlers';
import { BUILTIN_TEMPLATES, builtinId } from './builtin';

function parsedOrThrow(json: string) {
  const parsed = parseTemplate(json);
  if (!parsed.ok) throw new DomainError('invalid', `检查表模板有误：\n${parsed.problems.join('\n')}`);
  return parsed;
}

function summaryOf(ctx: ServiceContext, id: string) {
  const t = getTemplate(ctx.store.db, id);
  if (!t) throw new DomainError('not_found', '未找到该检查表模板');
  const { definition: _d, ...summary } = t;
  return { ...summary, usedCount: templateUsage(ctx.store.db, id) };
}

/** Saves a definition as a new version row (never overwriting one), the version number chosen here. */
function saveVersion(ctx: ServiceContext, def: TemplateDefinition, basedOn: string | null) {
  const author = authorOf(ctx);
  const warnings: Warning[] = [];
  const { db } = ctx.store;
  const same = templateByVersion(db, def.code, def.version);
  if (same && !basedOn && same.sha256 === sha256Of(canonicalTemplate(def))) {
    return { template: summaryOf(ctx, same.id), warnings: [{ field: 'version', message: `模板“${def.name}”第 ${def.version} 版已存在且内容相同，未重复导入` }] };
  }
  const version = same || basedOn ? latestVersion(db, def.code) + 1 : def.version;
  if (same && !basedOn) warnings.push({ field: 'version', message: `模板代码“${def.code}”第 ${def.version} 版已存在，已保存为第 ${version} 版` });
  const final = { ...def, version };
  const { canonical } = parsedOrThrow(JSON.stringify(final));
  const id = newId();
  ctx.store.write(CHECKLIST_TEMPLATE, id, {
    code: final.code, version, name: final.name, targetKinds: final.targetKinds, definition: canonical,
    sha256: sha256Of(canonical), builtin: false, retired: false, basedOn,
  }, author);
  return { template: summaryOf(ctx, id), warnings };
}

/** Writes the shipped template versions a workspace does not have yet (by their fixed ids). */
export function seedBuiltinTemplates(store: Store): void {
  const have = new Set(builtinTemplateIds(store.db));
  const missing = BUILTIN_TEMPLATES.filter((raw) => !have.has(builtinId((raw as { code: string }).code, (raw as { version: number }).version)));
  if (!missing.length) return; // the usual open: nothing to parse or write
  store.transaction(() => {
    for (const raw of missing) {
      const { definition: def, canonical } = parsedOrThrow(JSON.stringify(raw));
      const id = builtinId(def.code, def.version);
      store.write(CHECKLIST_TEMPLATE, id, {
        code: def.code, version: def.version, name: def.name, targetKinds: def.targetKinds, definition: canonical,
        sha256: sha256Of(canonical), builtin: true, retired: false, basedOn: null,
      }, 'system');
    }
  });
}

export const checklistHandlers = {
  'checklists.list': (ctx, { includeRetired, targetKind }) => listTemplates(ctx.store.db, includeRetired)
    .filter((t) => !targetKind || t.targetKinds.includes(targetKind))
    .map(({ definition: _d, ...t }) => t),
  'checklists.get': (ctx, { id }) => {
    const t = getTemplate(ctx.store.db, id);
    if (!t) throw new DomainError('not_found', '未找到该检查表模板');
    return { ...t, usedCount: templateUsage(ctx.store.db, id) };
  },
  'checklists.import': (ctx, { json }) => saveVersion(ctx, parsedOrThrow(json).definition, null),
  'checklists.newVersion': (ctx, { fromId, json }) => {
    const from = summaryOf(ctx, fromId);
    const def = parsedOrThrow(json).definition;
    if (def.code !== from.code) throw new DomainError('invalid', `新版本的模板代码应为“${from.code}”，不能改为“${def.code}”（换代码请用导入）`);
    return saveVersion(ctx, def, fromId);
  },
  'checklists.retire': (ctx, { id, retired }) => {
    summaryOf(ctx, id);
    ctx.store.write(CHECKLIST_TEMPLATE, id, { retired }, authorOf(ctx));
    return summaryOf(ctx, id);
  },
} satisfies Partial<Handlers>;
