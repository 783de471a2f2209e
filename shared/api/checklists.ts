import { z } from 'zod';
import { TARGET_KINDS } from '../checklist/template';
import { Id } from './common';
import { Warning } from './result';

export const TemplateSummary = z.object({
  id: z.string(), code: z.string(), version: z.number(), name: z.string(), targetKinds: z.array(z.enum(TARGET_KINDS)),
  builtin: z.boolean(), retired: z.boolean(), basedOn: z.string().nullable(), itemCount: z.number(), usedCount: z.number(),
  sha256: z.string(), createdAt: z.string(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

/** A template version with its definition (the JSON as validated by shared/checklist/template.ts). */
export const TemplateVersion = TemplateSummary.extend({ definition: z.unknown() });

const Created = z.object({ template: TemplateSummary, warnings: z.array(Warning) });

export const checklistProcedures = {
  'checklists.list': { input: z.object({ includeRetired: z.boolean().default(false), targetKind: z.enum(TARGET_KINDS).optional() }).default({ includeRetired: false }), output: z.array(TemplateSummary) },
  'checklists.get': { input: z.object({ id: Id }), output: TemplateVersion },
  /** Imports a template from JSON text; an existing code gets the next version number. */
  'checklists.import': { input: z.object({ json: z.string().max(2_000_000) }), output: Created },
  /** Saves an edited definition as the next version of the template `fromId` belongs to. */
  'checklists.newVersion': { input: z.object({ fromId: Id, json: z.string().max(2_000_000) }), output: Created },
  'checklists.retire': { input: z.object({ id: Id, retired: z.boolean() }), output: TemplateSummary },
} as const;
