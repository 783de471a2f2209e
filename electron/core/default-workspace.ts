import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../services/demo/generate';
import { generateDemoPast } from '../services/demo/inspections';
import { createWorkbench, workspaceFile, type Workbench } from './workbench';

/** Where the workspace lives when no --data is given. */
export function defaultDataDir(): string {
  return process.env.QINGSHUI_DATA ?? join(homedir(), '.qingshui');
}

/** Opens the workspace in `dataDir`; when none exists yet, builds the demo county there first. */
export async function openOrCreateDemo(dataDir: string): Promise<{ wb: Workbench; createdDemo: boolean }> {
  const fresh = !existsSync(workspaceFile(dataDir));
  if (fresh) {
    const builder = createWorkbench({ dataDir, actor: 'system' });
    try {
      generateDemo(builder.store);
      await generateDemoPast(builder.store);
    } finally { builder.close(); }
  }
  return { wb: createWorkbench({ dataDir, actor: 'user' }), createdDemo: fresh };
}
