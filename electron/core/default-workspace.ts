import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createWorkbench, workspaceFile, type Workbench } from './workbench';
import type { HostStart } from './workspace-host';
import { isProtected } from '../store/protection';
import { checkBasemapFile } from '../services/map/index';

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
 * a year of inspections and the closed loop: findings in every state, complaints, cases with their documents, a released 双随机 plan). A basemap given is checked and remembered in the workspace's settings.
 */
export async function openOrCreateDemo(dataDir: string, { basemapPath }: { basemapPath?: string } = {}): Promise<{ start: HostStart; createdDemo: boolean }> {
  const file = workspaceFile(dataDir);
  const fresh = !existsSync(file);
  let demoKey: Buffer | null = null;
  const setBasemap = (wb: Workbench) => wb.call('map.setBasemap', { path: basemapPath! });
  if (fresh || (basemapPath !== undefined && !isProtected(file))) {
    const builder = createWorkbench({ dataDir, actor: 'system' });
    try {
      if (fresh) await builder.call('demo.generate', {});
      demoKey = builder.store.key;
      if (basemapPath !== undefined) await setBasemap(builder);
    } finally { builder.close(); }
  } else if (basemapPath !== undefined) {
    // A protected workspace: the basemap file is checked now, and kept once someone opens it.
    checkBasemapFile(basemapPath);
  }
  // A protected workspace (the demo is one) stays sealed until a person signs in (issue 18).
  if (isProtected(file)) {
    return { start: { sealed: dataDir, onOpen: basemapPath !== undefined && !demoKey ? async (wb) => { await setBasemap(wb); } : undefined }, createdDemo: fresh };
  }
  return { start: createWorkbench({ dataDir, actor: 'user' }), createdDemo: fresh };
}
