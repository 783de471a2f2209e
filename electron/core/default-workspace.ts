import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createWorkbench, workspaceFile, type Workbench } from './workbench';

/** A new workspace left empty (a laptop joining its county through the hub: the first sync brings the county). */
export function createEmptyWorkspace(dataDir: string): void {
  if (!existsSync(workspaceFile(dataDir))) createWorkbench({ dataDir, actor: 'system' }).close();
}

/** Where the workspace lives when no --data is given. */
export function defaultDataDir(): string {
  return process.env.QINGSHUI_DATA ?? join(homedir(), '.qingshui');
}

/**
 * Opens the workspace in `dataDir`; when none exists yet, builds the demo county there first (registers
 * and a year of inspections). A basemap given is checked and remembered in the workspace's settings.
 */
export async function openOrCreateDemo(dataDir: string, { basemapPath }: { basemapPath?: string } = {}): Promise<{ wb: Workbench; createdDemo: boolean }> {
  const fresh = !existsSync(workspaceFile(dataDir));
  if (fresh || basemapPath !== undefined) {
    const builder = createWorkbench({ dataDir, actor: 'system' });
    try {
      if (fresh) await builder.call('demo.generate', { closedLoop: false });
      if (basemapPath !== undefined) await builder.call('map.setBasemap', { path: basemapPath });
    } finally { builder.close(); }
  }
  return { wb: createWorkbench({ dataDir, actor: 'user' }), createdDemo: fresh };
}
