import { z } from 'zod';
import { isProcedureName, procedures, type ProcedureName, type Result } from '../../shared/api/index';
import { labelOf } from '../../shared/api/labels';
import { DomainError } from '../../shared/api/result';
import type { ServiceContext } from '../services/context';
import type { Handlers } from '../services/handlers';

z.config(z.locales.zhCN());

/** Turns zod issues into `{ field: message }` with the field's Chinese label in each message. */
export function issuesToFields(issues: z.core.$ZodIssue[], entity?: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.filter((p) => p !== 'patch').map(String);
    const key = path[0] ?? '_';
    if (fields[key]) continue;
    fields[key] = path.length ? `${labelOf(key, entity)}：${issue.message}` : issue.message;
  }
  return fields;
}

/**
 * Validates the input against the procedure's schema, runs its handler and answers with a Result.
 * Nothing throws across this line: unknown errors become `internal` and are logged.
 */
export async function dispatch(handlers: Handlers, ctx: ServiceContext, name: string, input: unknown): Promise<Result<unknown>> {
  if (!isProcedureName(name)) return { ok: false, error: { code: 'not_found', message: `未知的操作：${name}` } };
  if (!Object.prototype.hasOwnProperty.call(handlers, name)) return { ok: false, error: { code: 'not_found', message: `此处不能执行：${name}` } };
  const spec = procedures[name];
  const entity = name.split('.')[0];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    const fields = issuesToFields(parsed.error.issues, entity);
    return { ok: false, error: { code: 'invalid', message: Object.values(fields).join('；'), details: { fields } } };
  }
  try {
    const handler = handlers[name as keyof Handlers] as (c: ServiceContext, i: unknown) => unknown;
    const value = await handler(ctx, parsed.data);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof DomainError) {
      const fields = e.fields && Object.fromEntries(Object.entries(e.fields).map(([k, m]) => [k, m.startsWith(labelOf(k, entity)) ? m : `${labelOf(k, entity)}：${m}`]));
      return { ok: false, error: { code: e.code, message: fields ? Object.values(fields).join('；') : e.message, details: fields ? { fields } : undefined } };
    }
    console.error(`[qingshui] ${name as ProcedureName} failed:`, e);
    return { ok: false, error: { code: 'internal', message: `内部错误：${(e as Error).message}` } };
  }
}
