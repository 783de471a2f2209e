import { z } from 'zod';
import { Settings } from './workspace';

export const WorkspaceEntry = z.object({
  file: z.string(), bureauName: z.string(), countyName: z.string(), enterprises: z.number(), modifiedAt: z.string(), active: z.boolean(),
});
export type WorkspaceEntry = z.infer<typeof WorkspaceEntry>;

/**
 * Workspaces in the data folder: the active one and those put aside. Answered by the host, which
 * closes one workbench and opens another; the renderer reloads on the `workspace` event.
 */
export const workspacesProcedures = {
  'workspaces.list': { input: z.object({}).default({}), output: z.array(WorkspaceEntry) },
  'workspaces.createEmpty': { input: Settings.pick({ bureauName: true, countyCode: true, countyName: true }), output: WorkspaceEntry },
  'workspaces.open': { input: z.object({ file: z.string().min(1) }), output: WorkspaceEntry },
} as const;
