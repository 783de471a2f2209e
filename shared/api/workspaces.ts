import { z } from 'zod';
import { Settings } from './workspace';

export const BackupEntry = z.object({ name: z.string(), at: z.string(), size: z.number(), auto: z.boolean(), photos: z.boolean() });
export type BackupEntry = z.infer<typeof BackupEntry>;

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
  /** 备份与恢复 (issue 20): the backups kept in the data folder, newest first. */
  'workspaces.backups': { input: z.object({}).default({}), output: z.array(BackupEntry) },
  'workspaces.backupNow': { input: z.object({}).default({}), output: BackupEntry },
  /** Puts a backup (one of the list, or a workspace file handed in) in the active workspace's place; the current one is set aside, never deleted. */
  'workspaces.restore': {
    input: z.object({ name: z.string().max(100).optional(), upload: z.string().regex(/^[0-9a-f]{32}\.qingshui$/, '上传文件的名称无效').optional() })
      .refine((x) => !!x.name !== !!x.upload, '请选择一份备份'),
    output: WorkspaceEntry,
  },
} as const;
