import { isProcedureName, procedures, type Result } from '../../shared/api/index';
import { issuesToFields } from '../../shared/api/issues';
import { labelOf } from '../../shared/api/labels';
import { DomainError } from '../../shared/api/result';
import type { ServiceContext } from '../services/context';
import type { Handlers } from '../services/handlers';

/**
 * Validates the input against the procedure's schema, runs `run` on the parsed input and answers
 * with a Result. Nothing throws across this line: unknown errors become `internal` and are logged.
 */
export async function runProcedure(name: string, input: unknown, run: (parsed: unknown) => unknown): Promise<Result<unknown>> {
  if (!isProcedureName(name)) return { ok: false, error: { code: 'not_found', message: `未知的操作：${name}` } };
  const entity = name.split('.')[0];
  const parsed = procedures[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    const fields = issuesToFields(parsed.error.issues, entity);
    return { ok: false, error: { code: 'invalid', message: Object.values(fields).join('；'), details: { fields } } };
  }
  try {
    return { ok: true, value: await run(parsed.data) };
  } catch (e) {
    if (e instanceof DomainError) {
      // A field without a label (a checklist item, a signature) carries its own words.
      const fields = e.fields && Object.fromEntries(Object.entries(e.fields).map(([k, m]) => [k, labelOf(k, entity) === k || m.startsWith(labelOf(k, entity)) ? m : `${labelOf(k, entity)}：${m}`]));
      const ownMessage = !e.fields || e.message !== Object.values(e.fields).join('；');
      return { ok: false, error: { code: e.code, message: fields && !ownMessage ? Object.values(fields).join('；') : e.message, details: fields ? { fields } : undefined } };
    }
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_TRIGGER' && (e as Error).message.startsWith('immutable')) {
      return { ok: false, error: { code: 'immutable', message: '已定稿的检查记录是法律文书，不能修改；如有错误，请创建更正版本' } };
    }
    console.error(`[qingshui] ${name} failed:`, e);
    return { ok: false, error: { code: 'internal', message: `内部错误：${(e as Error).message}` } };
  }
}

/** Answers a procedure of the core with its handler. */
export async function dispatch(handlers: Handlers, ctx: ServiceContext, name: string, input: unknown): Promise<Result<unknown>> {
  if (isProcedureName(name) && !Object.prototype.hasOwnProperty.call(handlers, name)) {
    return { ok: false, error: { code: 'not_found', message: `此处不能执行：${name}` } };
  }
  const handler = handlers[name as keyof Handlers] as (c: ServiceContext, i: unknown) => unknown;
  return runProcedure(name, input, (parsed) => handler(ctx, parsed));
}
