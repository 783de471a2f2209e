import complaint from '../../../resources/checklists/complaint-verification-v1.json';
import dust1 from '../../../resources/checklists/construction-dust-v1.json';
import dust2 from '../../../resources/checklists/construction-dust-v2.json';
import industrial from '../../../resources/checklists/industrial-v1.json';
import outfall from '../../../resources/checklists/outfall-survey-v1.json';
import industrial2 from '../../../resources/checklists/industrial-v2.json';
import outfall2 from '../../../resources/checklists/outfall-survey-v2.json';
import recheck from '../../../resources/checklists/recheck-v1.json';

/** The templates shipped with the app (resources/checklists), seeded into every workspace. */
/** Issue 19: industrial and outfall v2 judge sampled discharge by the target's own discharge limits (v1, by fixed limits, stays for its records). */
/** Issue 19: the 复查 form lists the target's open problems and records each one's rectification. */
export const BUILTIN_TEMPLATES: unknown[] = [industrial, outfall, dust1, dust2, complaint, industrial2, outfall2, recheck];

/** The id a built-in version has on every laptop, so two copies merge as one record. */
export function builtinId(code: string, version: number): string {
  return `builtin:${code}@${version}`;
}
