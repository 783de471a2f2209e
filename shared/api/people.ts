import { z } from 'zod';
import { Id, nullableText, patchOf, text } from './common';

export const PERSON_ROLES = ['执法人员', '镇街工作人员', '局机关人员'] as const;

export const PersonDraft = z.object({
  name: text(30).min(1, '请填写姓名'),
  role: z.enum(PERSON_ROLES),
  certificateNo: nullableText.default(null),
  unit: text(100).default(''),
  post: text(50).default(''),
  townCode: nullableText.default(null),
  phone: text(30).default(''),
  active: z.boolean().default(true),
});
export type PersonDraft = z.output<typeof PersonDraft>;

export const Person = PersonDraft.extend({ id: z.string(), townName: z.string().nullable() });
export type Person = z.infer<typeof Person>;

export const peopleProcedures = {
  'people.list': { input: z.object({ role: z.enum(PERSON_ROLES).optional(), includeInactive: z.boolean().default(false) }).default({ includeInactive: false }), output: z.array(Person) },
  'people.create': { input: PersonDraft, output: Person },
  'people.update': { input: z.object({ id: Id, patch: patchOf(PersonDraft) }), output: Person },
} as const;
