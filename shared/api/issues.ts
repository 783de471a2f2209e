import { z } from 'zod';
import { labelOf } from './labels';

z.config(z.locales.zhCN());

/**
 * Turns zod issues into `{ field: message }` with the field's Chinese name (of `entity`, when
 * given) in each message; a `patch` wrapper is looked through. Importing this sets zod's Chinese locale.
 */
export function issuesToFields(issues: z.core.$ZodIssue[], entity?: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.filter((p) => p !== 'patch').map(String);
    // A document's fields (issue 19) carry their own whole messages (请填写违法事实): keyed fields.<name>.
    if (path[0] === 'fields' && path.length > 1) {
      const k = `fields.${path[1]}`;
      if (!fields[k]) fields[k] = issue.message;
      continue;
    }
    const key = path[0] ?? '_';
    if (fields[key]) continue;
    fields[key] = path.length ? `${labelOf(key, entity)}：${issue.message}` : issue.message;
  }
  return fields;
}
