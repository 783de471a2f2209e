import { existsSync } from 'node:fs';
import { Settings } from '../../shared/api/workspace';
import { DomainError, invalidFields } from '../../shared/api/result';
import { createWorkbench, workspaceFile } from '../core/workbench';
import { assertNotInUse } from '../core/workspace-lock';
import { writeSettings } from '../services/workspace';
import { REGION } from '../store/entities';

/** `qingshui init --data DIR --bureau NAME --county-code CODE --county-name NAME`: an empty workspace. */
export function initCommand(dataDir: string, bureau: string, countyCode: string, countyName: string): void {
  if (existsSync(dataDir)) assertNotInUse(dataDir, '新建工作区');
  if (existsSync(workspaceFile(dataDir))) throw new DomainError('conflict', `“${dataDir}”中已有工作区`);
  const parsed = Settings.safeParse({ bureauName: bureau, countyCode, countyName, defaultCoordSystem: 'CGCS2000', contactPhone: '' });
  if (!parsed.success) throw invalidFields(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
  const wb = createWorkbench({ dataDir, actor: 'system' });
  try {
    wb.store.transaction(() => {
      writeSettings(wb.store, parsed.data, 'system');
      wb.store.write(REGION, `${countyCode}000000`, { name: countyName, level: 'county', parentCode: null }, 'system');
    });
  } finally {
    wb.close();
  }
  console.log(`已新建空白工作区：${workspaceFile(dataDir)}`);
}
